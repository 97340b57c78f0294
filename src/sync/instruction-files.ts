import type { ApiClient } from '../api/client'
import { isTransportFailure } from '../api/errors'
import type { InstructionFileCache } from '../db/instruction-files'
import type { ShopfloorDb } from '../db/schema'
import type { InstructionAttachment } from '../domain/contract'
import { clientFor, type SyncContext } from './context'

/** What one prefetch did. */
export interface PrefetchOutcome {
  fetched: number
  /** Files that failed (kept for the next sync). */
  failed: number
}

/** The instruction files of the work orders on this device that may be kept offline, each once. */
async function offlineFiles(db: ShopfloorDb): Promise<InstructionAttachment[]> {
  const byId = new Map<number, InstructionAttachment>()
  await db.workOrders.each((row) => {
    for (const file of row.wo.attachments ?? []) if (file.offline) byId.set(file.id, file)
  })
  return [...byId.values()]
}

/**
 * Fetches the instruction files this device does not keep yet (or keeps in an older version), one at a
 * time after the sync, so the operator finds them offline. A file that fails is tried again next time.
 */
export async function prefetchInstructionFiles(db: ShopfloorDb, client: ApiClient, cache: InstructionFileCache): Promise<PrefetchOutcome> {
  const outcome: PrefetchOutcome = { fetched: 0, failed: 0 }
  for (const file of await offlineFiles(db)) {
    if (await cache.has(file)) continue
    try {
      await cache.put(file, await client.attachment(file.id))
      outcome.fetched += 1
    } catch (e) {
      // offline again: the rest would fail the same way
      if (isTransportFailure(e)) return { ...outcome, failed: outcome.failed + 1 }
      outcome.failed += 1
    }
  }
  return outcome
}

/** An instruction file not kept on this device while it is offline. */
export class InstructionFileOfflineError extends Error {
  override name = 'InstructionFileOfflineError'
  constructor(readonly file: InstructionAttachment) {
    super(`"${file.name}" is not on this device yet: open it once the terminal is online.`)
  }
}

/**
 * An instruction file's content: the kept copy, else from the server (kept for next time when it may be).
 * @throws InstructionFileOfflineError when it is not kept and the server cannot be reached
 */
export async function loadInstructionFile(ctx: SyncContext, cache: InstructionFileCache, file: InstructionAttachment): Promise<Blob> {
  const kept = await cache.get(file)
  if (kept) return kept
  let bytes: ArrayBuffer
  try {
    bytes = await (await clientFor(ctx)).attachment(file.id)
  } catch (e) {
    if (isTransportFailure(e)) throw new InstructionFileOfflineError(file)
    throw e
  }
  if (file.offline) await cache.put(file, bytes)
  return new Blob([bytes], { type: file.mimetype })
}
