import type { Database } from 'better-sqlite3'
import type { InstructionAttachment, InstructionMimetype } from '../../src/domain/contract.ts'

/** Files larger than this are listed but not kept for offline use (as the addon's default, 10 MB). */
export const INSTRUCTION_FILE_MAX_BYTES = 10 * 1024 * 1024

interface AttachmentRow {
  workorder_id: number
  id: number
  name: string
  mimetype: InstructionMimetype
  size: number
  checksum: string
}

/** An instruction file's bytes, as `GET /attachments/<id>` sends them. */
export interface AttachmentContent {
  name: string
  mimetype: InstructionMimetype
  checksum: string
  data: Buffer
}

/** Instruction files: listed per work order, and served only to terminals of their work centers. */
export function createAttachmentReader(db: Database, maxOfflineBytes = INSTRUCTION_FILE_MAX_BYTES) {
  const listed = db.prepare<[string], AttachmentRow>(
    `SELECT wa.workorder_id, a.id, a.name, a.mimetype, length(a.data) AS size, a.checksum
       FROM workorder_attachments wa JOIN attachments a ON a.id = wa.attachment_id
      WHERE wa.workorder_id IN (SELECT value FROM json_each(?)) ORDER BY a.id`,
  )
  const content = db.prepare<[number], AttachmentContent>('SELECT name, mimetype, checksum, data FROM attachments WHERE id = ?')
  const centers = db.prepare<[number], { work_center_id: number }>(
    `SELECT DISTINCT w.work_center_id FROM workorder_attachments wa JOIN workorders w ON w.id = wa.workorder_id
      WHERE wa.attachment_id = ?`,
  )
  return {
    /** The instruction files of each of these work orders, by work order id. */
    byWorkOrder(ids: readonly number[]): Map<number, InstructionAttachment[]> {
      const result = new Map<number, InstructionAttachment[]>()
      for (const { workorder_id: workOrderId, ...file } of listed.all(JSON.stringify(ids))) {
        const list = result.get(workOrderId) ?? []
        list.push({ ...file, offline: file.size <= maxOfflineBytes })
        result.set(workOrderId, list)
      }
      return result
    },
    /**
     * The file `id` when one of its work orders is on `workCenterIds`; `forbidden` when it belongs to other
     * work centers only; `not_found` when no work order lists it.
     */
    forTerminal(id: number, workCenterIds: readonly number[]): AttachmentContent | 'forbidden' | 'not_found' {
      const used = centers.all(id).map((row) => row.work_center_id)
      if (used.length === 0) return 'not_found'
      if (!used.some((center) => workCenterIds.includes(center))) return 'forbidden'
      return content.get(id) ?? 'not_found'
    },
  }
}

/** The reader's interface, for code that only receives one. */
export type AttachmentReader = ReturnType<typeof createAttachmentReader>
