import { createApiClient, type ApiClient } from '../api/client'
import type { ShopfloorDb } from '../db/schema'
import type { SessionRow, SyncStateRow } from '../db/rows'
import { SYNC_STATE_DEFAULTS } from '../db/sync-state'
import type { ClockReading } from '../domain/clock'
import type { EffectContext } from '../domain/effects'
import { NotPairedError } from './errors'

/** What every sync module needs: the database and how to reach the server. */
export interface SyncContext {
  db: ShopfloorDb
  /** The fetch the API client uses; tests pass a scripted fake. */
  fetch?: typeof fetch
  /** Time limit per request, in milliseconds. */
  timeoutMs?: number
  /** The device clock, epoch ms (tests move it). */
  now?: () => number
}

/** The sync state row, with defaults for what was never written (and for fields newer than the row). */
export async function readSyncState(db: ShopfloorDb): Promise<SyncStateRow> {
  return { ...SYNC_STATE_DEFAULTS, ...(await db.syncState.get('sync')) }
}

/** Changes some fields of the sync state row in its own transaction. */
export async function updateSyncState(db: ShopfloorDb, changes: Partial<Omit<SyncStateRow, 'key'>>): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    await db.syncState.put({ ...(await readSyncState(db)), ...changes })
  })
}

/** The pairing. @throws NotPairedError before pairing. */
export async function requireSession(db: ShopfloorDb): Promise<SessionRow> {
  const session = await db.session.get('session')
  if (!session) throw new NotPairedError()
  return session
}

/**
 * An API client for the paired server with the terminal's token; `onClockReading` hears each round trip.
 * @throws NotPairedError
 */
export async function clientFor(ctx: SyncContext, onClockReading?: (reading: ClockReading) => void): Promise<ApiClient> {
  const session = await requireSession(ctx.db)
  return createApiClient({ baseUrl: session.serverUrl, token: session.token, fetch: ctx.fetch, timeoutMs: ctx.timeoutMs, now: ctx.now, onClockReading })
}

/** Hold reason names for the optimistic effects; read inside the caller's transaction. */
export async function effectContext(db: ShopfloorDb): Promise<EffectContext> {
  const holds = await db.reasons.where('kind').equals('hold').toArray()
  return { holdReasons: new Map(holds.map((r) => [r.id, r.name])) }
}
