import { isTransportFailure } from '../api/errors'
import type { LotRow } from '../db/rows'
import { clientFor, type SyncContext } from './context'

/** A lot answer and where it came from: the server just now, or this device's cache (offline). */
export interface LotLookup {
  source: 'server' | 'cache'
  /** The lot, or null when unknown (to the server, or to the cache while offline). */
  lot: LotRow | null
}

/**
 * Validates a scanned lot early: asks the server when it can (and keeps the answer for offline
 * use), else answers from the cache. Offline and unknown is not an error: the event records the
 * scanned text and the server validates it at replay.
 */
export async function lookupLot(ctx: SyncContext, barcode: string, productId?: number): Promise<LotLookup> {
  const name = barcode.trim()
  try {
    const client = await clientFor(ctx)
    const lot = await client.lot(name, productId)
    if (!lot) return { source: 'server', lot: null }
    const row: LotRow = { ...lot, productId: lot.product.id, fetchedAt: Date.now() }
    await ctx.db.lots.put(row)
    return { source: 'server', lot: row }
  } catch (e) {
    if (!isTransportFailure(e)) throw e
    return { source: 'cache', lot: (await ctx.db.lots.get(name)) ?? null }
  }
}
