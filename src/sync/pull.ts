import { Dexie } from 'dexie'
import type { ApiClient } from '../api/client'
import { ApiError } from '../api/errors'
import type { ShopfloorDb } from '../db/schema'
import type { ReasonRow } from '../db/rows'
import type { Bootstrap, WorkOrder } from '../domain/contract'
import { applyEventToWorkCenter } from '../domain/effects'
import { effectContext, readSyncState, requireSession } from './context'
import { rowFromServer } from './merge'

/** Work orders asked per page: the contract's maximum, so 10,000 take ten round trips. */
export const PAGE_LIMIT = 1000
/** Rows written per transaction during a pull; the UI gets the main thread back between chunks. */
export const WRITE_CHUNK = 250

/** What one pull did. */
export interface PullOutcome {
  /** True when this was a full sync (first pull, or the cursor expired). */
  full: boolean
  pages: number
  items: number
  removed: number
}

/** Lets the browser paint and handle taps between chunks of a large pull. */
export type Yielder = () => Promise<void>

/** `scheduler.yield()` (https://developer.chrome.com/blog/use-scheduler-yield) where the browser has it. */
interface YieldingScheduler {
  yield?: () => Promise<void>
}

/**
 * Gives the main thread back between chunks. scheduler.yield() resumes first in line; the
 * setTimeout fallback is clamped to 1 s in hidden tabs, which only slows a background pull.
 */
const yieldToEventLoop: Yielder = () => {
  const scheduler = (globalThis as { scheduler?: YieldingScheduler }).scheduler
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0))
}

/**
 * Writes the bootstrap's reference data (work centers, operators, reasons, products, settings)
 * when it changed, re-applying this device's pending downtime events to the fresh work centers.
 * @returns whether anything was written.
 */
export async function writeBootstrap(db: ShopfloorDb, bootstrap: Bootstrap): Promise<boolean> {
  const { server_time: _ignored, ...reference } = bootstrap
  const hash = fingerprint(JSON.stringify(reference))
  return db.transaction('rw', [db.session, db.syncState, db.workCenters, db.operators, db.reasons, db.products, db.outbox, db.workOrders], async () => {
    const state = await readSyncState(db)
    if (state.referenceHash === hash) return false
    const session = await requireSession(db)
    await db.session.put({ ...session, terminal: bootstrap.terminal, limits: bootstrap.limits })
    const pending = await db.outbox.where('[status+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).toArray()
    const downtime = pending.filter((r) => r.type === 'downtime.start' || r.type === 'downtime.end')
    const workCenterOf = new Map<number, number>()
    for (const r of downtime) {
      const wo = await db.workOrders.get(r.workorderId)
      if (wo) workCenterOf.set(r.workorderId, wo.workCenterId)
    }
    const workCenters = bootstrap.work_centers.map((wc) =>
      downtime
        .filter((r) => workCenterOf.get(r.workorderId) === wc.id)
        .reduce((acc, r) => applyEventToWorkCenter(acc, r.event), wc),
    )
    const reasons: ReasonRow[] = [
      ...bootstrap.scrap_reasons.map((r) => ({ kind: 'scrap' as const, id: r.id, name: r.name })),
      ...bootstrap.loss_reasons.map((r) => ({ kind: 'loss' as const, id: r.id, name: r.name, loss_type: r.loss_type })),
      ...bootstrap.hold_reasons.map((r) => ({ kind: 'hold' as const, id: r.id, name: r.name })),
    ]
    await Promise.all([db.workCenters.clear(), db.operators.clear(), db.reasons.clear(), db.products.clear()])
    await Promise.all([
      db.workCenters.bulkPut(workCenters),
      db.operators.bulkPut(bootstrap.operators),
      db.reasons.bulkPut(reasons),
      db.products.bulkPut(bootstrap.products),
    ])
    await db.syncState.put({ ...state, referenceHash: hash })
    return true
  })
}

/** Fetches the bootstrap and writes it if it changed. */
export async function pullReferenceData(db: ShopfloorDb, client: ApiClient): Promise<boolean> {
  return writeBootstrap(db, await client.bootstrap())
}

/**
 * Delta sync of work orders by cursor (a full sync without one, or when the server answers 410
 * `cursor_expired`). Pages are written in chunks of WRITE_CHUNK rows, each in its own
 * transaction with the pending local events re-applied on top of the server's copy, yielding to
 * the UI between chunks. A full sync ends by dropping local work orders the server no longer
 * lists (except those with pending events). The cursor is stored only once it is safe to resume from.
 */
export async function pullWorkOrders(
  db: ShopfloorDb,
  client: ApiClient,
  yieldToUi: Yielder = yieldToEventLoop,
): Promise<PullOutcome> {
  const { cursor } = await readSyncState(db)
  if (cursor !== null) {
    try {
      return await pullPages(db, client, cursor, yieldToUi)
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'cursor_expired')) throw e
    }
  }
  return pullPages(db, client, null, yieldToUi)
}

async function pullPages(db: ShopfloorDb, client: ApiClient, start: string | null, yieldToUi: Yielder): Promise<PullOutcome> {
  const full = start === null
  const outcome: PullOutcome = { full, pages: 0, items: 0, removed: 0 }
  const seen = new Set<number>()
  let cursor = start
  let next = client.workOrders({ cursor, limit: PAGE_LIMIT })
  for (;;) {
    const page = await next
    if (page.has_more) {
      // Ask for the next page before writing this one: the server prepares it while IndexedDB
      // writes. Its failure is thrown where it is awaited; until then (or if a write fails first
      // and it is never awaited) it must not count as an unhandled rejection.
      next = client.workOrders({ cursor: page.next_cursor, limit: PAGE_LIMIT })
      next.catch(() => undefined)
    }
    outcome.pages++
    outcome.items += page.items.length
    for (let i = 0; i < page.items.length; i += WRITE_CHUNK) {
      const chunk = page.items.slice(i, i + WRITE_CHUNK)
      chunk.forEach((wo) => seen.add(wo.id))
      await writeChunk(db, chunk)
      await yieldToUi()
    }
    outcome.removed += await removeWorkOrders(db, page.removed)
    cursor = page.next_cursor
    if (!full) await saveCursor(db, cursor)
    if (!page.has_more) break
  }
  if (full) {
    outcome.removed += await dropUnseen(db, seen)
    await saveCursor(db, cursor)
  }
  return outcome
}

async function writeChunk(db: ShopfloorDb, items: readonly WorkOrder[]): Promise<void> {
  await db.transaction('rw', [db.workOrders, db.outbox, db.deadLetters, db.reasons], async () => {
    const [diverged, ctx] = await Promise.all([db.workOrders.where('diverged').equals(1).primaryKeys(), effectContext(db)])
    const withLocalChanges = new Set(diverged)
    const rows = await Promise.all(items.map((wo) => rowFromServer(db, wo, ctx, withLocalChanges.has(wo.id))))
    await db.workOrders.bulkPut(rows)
  })
}

/** Drops work orders the server removed, keeping those this device still has pending events for. */
async function removeWorkOrders(db: ShopfloorDb, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0
  return db.transaction('rw', db.workOrders, async () => {
    const rows = await db.workOrders.bulkGet([...ids])
    const drop = rows.flatMap((r) => (r && r.base === null ? [r.id] : []))
    await db.workOrders.bulkDelete(drop)
    return drop.length
  })
}

async function dropUnseen(db: ShopfloorDb, seen: ReadonlySet<number>): Promise<number> {
  const local = (await db.workOrders.toCollection().primaryKeys()) as number[]
  return removeWorkOrders(db, local.filter((id) => !seen.has(id)))
}

async function saveCursor(db: ShopfloorDb, cursor: string | null): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    await db.syncState.put({ ...(await readSyncState(db)), cursor })
  })
}

/** FNV-1a, 32 bits: enough to notice that reference data changed, not a security hash. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16)
}
