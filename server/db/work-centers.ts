import type { Database } from 'better-sqlite3'
import type { WorkCenter } from '../../src/domain/contract.ts'
import { toIso } from './time.ts'

/** An open downtime (a loss line without end) on a work center. */
export interface OpenDowntime {
  id: number
  loss_reason_id: number
  since: number
}

/** Reads work centers and their downtime; statements are prepared once. */
export function createWorkCenterReader(db: Database) {
  const open = db.prepare<[], OpenDowntime & { work_center_id: number }>(
    `SELECT id, work_center_id, loss_reason_id, date_start AS since FROM time_lines
      WHERE date_end IS NULL AND loss_type != 'productive'`,
  )
  const byIds = db.prepare<[string], { id: number; name: string; code: string }>(
    'SELECT id, name, code FROM work_centers WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
  )
  const reader = {
    /** Open downtime by work center id. */
    openDowntimes(): Map<number, OpenDowntime> {
      return new Map(open.all().map((row) => [row.work_center_id, row]))
    },
    /** The wire shape of these work centers, with their downtime state. */
    list(ids: readonly number[]): WorkCenter[] {
      const downtimes = reader.openDowntimes()
      return byIds.all(JSON.stringify(ids)).map((row) => {
        const downtime = downtimes.get(row.id)
        return {
          ...row,
          is_blocked: downtime !== undefined,
          open_downtime: downtime ? { loss_reason_id: downtime.loss_reason_id, since: toIso(downtime.since) } : null,
        }
      })
    },
  }
  return reader
}
