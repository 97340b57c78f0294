/**
 * The reads the screens' stores build on. Each is a plain async function over the database, so it
 * can be wrapped in Dexie's `liveQuery` (https://dexie.org/docs/liveQuery()) and re-runs when
 * the tables it read change. The optional last argument picks a database other than the app's.
 */
import { Dexie } from 'dexie'
import type { Operator, Product, TerminalInfo, WorkCenter, WorkOrder } from '../domain/contract'
import type { ReasonKind } from '../domain/rules'
import { CLOSED_SORT_PREFIX } from '../domain/queue'
import type { SyncOverview } from '../domain/sync-status'
import { getDatabase } from './database'
import type { DeadLetterRow, LotRow, OutboxRow, ReasonRow } from './rows'
import type { ShopfloorDb } from './schema'

/** A replay that started longer ago than this without finishing belongs to a tab that died, in ms. */
export const STALE_REPLAY_MS = 120_000

/** What the screens may know of the pairing (never the token). */
export interface PairingInfo {
  serverUrl: string
  deviceName: string
  terminal: TerminalInfo
  pairedAt: number
}

/** This device's pairing, or undefined before pairing. */
export async function pairing(db: ShopfloorDb = getDatabase()): Promise<PairingInfo | undefined> {
  const s = await db.session.get('session')
  return s && { serverUrl: s.serverUrl, deviceName: s.deviceName, terminal: s.terminal, pairedAt: s.pairedAt }
}

/** The signed-in operator, or undefined. */
export async function currentOperator(db: ShopfloorDb = getDatabase()): Promise<Operator | undefined> {
  const s = await db.session.get('session')
  return s?.operatorId == null ? undefined : db.operators.get(s.operatorId)
}

/** Operators allowed on this terminal, by name. */
export async function operators(db: ShopfloorDb = getDatabase()): Promise<Operator[]> {
  return (await db.operators.toArray()).sort((a, b) => a.name.localeCompare(b.name))
}

/** The terminal's work centers with their local downtime state, by name. */
export async function workCenters(db: ShopfloorDb = getDatabase()): Promise<WorkCenter[]> {
  return (await db.workCenters.toArray()).sort((a, b) => a.name.localeCompare(b.name))
}

/** Scrap, loss or hold reasons, by name. */
export async function reasons(kind: ReasonKind, db: ShopfloorDb = getDatabase()): Promise<ReasonRow[]> {
  return (await db.reasons.where('kind').equals(kind).toArray()).sort((a, b) => a.name.localeCompare(b.name))
}

/** The product with this barcode, or undefined. */
export function productByBarcode(code: string, db: ShopfloorDb = getDatabase()): Promise<Product | undefined> {
  return db.products.where('barcode').equals(code.trim()).first()
}

/** A lot looked up earlier (kept for offline scans), or undefined. */
export function lotByName(name: string, db: ShopfloorDb = getDatabase()): Promise<LotRow | undefined> {
  return db.lots.get(name.trim())
}

/** Work orders that produced (or are producing) this lot or serial. */
export async function workOrdersByLot(name: string, db: ShopfloorDb = getDatabase()): Promise<WorkOrder[]> {
  return (await db.workOrders.where('lotNames').equals(name.trim()).toArray()).map((r) => r.wo)
}

/** Options of {@link queueForWorkCenters}. */
export interface QueueOptions {
  /** Return at most this many, next job first: reads only that many rows per work center. */
  limit?: number
}

/** Open work orders of these work centers, next job first (see `compareQueueOrder` in src/domain/queue.ts). */
export async function queueForWorkCenters(
  ids: readonly number[],
  options: QueueOptions = {},
  db: ShopfloorDb = getDatabase(),
): Promise<WorkOrder[]> {
  const { limit } = options
  const perCenter = await Promise.all(
    ids.map((id) => {
      const open = db.workOrders.where('[workCenterId+queueKey]').between([id, ''], [id, CLOSED_SORT_PREFIX])
      return limit === undefined ? open.toArray() : open.limit(limit).toArray()
    }),
  )
  const sorted = perCenter
    .flat()
    .sort((a, b) => (a.queueKey < b.queueKey ? -1 : a.queueKey > b.queueKey ? 1 : 0))
    .map((r) => r.wo)
  return limit === undefined ? sorted : sorted.slice(0, limit)
}

/** One work order as the screens show it (pending local events applied), or undefined. */
export async function workOrderById(id: number, db: ShopfloorDb = getDatabase()): Promise<WorkOrder | undefined> {
  return (await db.workOrders.get(id))?.wo
}

/** Events of this work order not yet confirmed by the server, oldest first. */
export function pendingEventsFor(workorderId: number, db: ShopfloorDb = getDatabase()): Promise<OutboxRow[]> {
  return db.outbox
    .where('[workorderId+seq]')
    .between([workorderId, Dexie.minKey], [workorderId, Dexie.maxKey])
    .filter((r) => r.status === 'pending')
    .toArray()
}

/** Unresolved dead letters, oldest first. */
export function deadLetters(db: ShopfloorDb = getDatabase()): Promise<DeadLetterRow[]> {
  return db.deadLetters.where('[resolved+deadAt]').between([0, Dexie.minKey], [0, Dexie.maxKey]).toArray()
}

/** The latest resolved dead letters, newest first: how each was resolved and by whom. */
export async function resolvedDeadLetters(limit = 10, db: ShopfloorDb = getDatabase()): Promise<DeadLetterRow[]> {
  return db.deadLetters.where('[resolved+deadAt]').between([1, Dexie.minKey], [1, Dexie.maxKey]).reverse().limit(limit).toArray()
}

/**
 * The work orders the sync and supervisor screens name, by id: those of the unresolved and recently
 * resolved dead letters and of the last clock jump. One the device dropped is missing from the map.
 */
export async function workOrdersNamedBySync(db: ShopfloorDb = getDatabase()): Promise<Map<number, WorkOrder>> {
  const [open, resolved, state] = await Promise.all([deadLetters(db), resolvedDeadLetters(undefined, db), db.syncState.get('sync')])
  const ids = new Set([...open, ...resolved].map((d) => d.workorderId))
  if (state?.lastClockJump) ids.add(state.lastClockJump.workorderId)
  const rows = await db.workOrders.bulkGet([...ids])
  return new Map(rows.flatMap((r) => (r === undefined ? [] : [[r.id, r.wo] as const])))
}

/** Unresolved dead letters of one work order (the operator sees them where they happened). */
export async function deadLettersFor(workorderId: number, db: ShopfloorDb = getDatabase()): Promise<DeadLetterRow[]> {
  return (await db.deadLetters.where('workorderId').equals(workorderId).toArray()).filter((d) => d.resolved === 0)
}

/**
 * Pending events of one work order that wait behind its first unresolved dead letter, oldest first:
 * shown as waiting, not as done, until a supervisor resolves the dead letter.
 */
export async function heldEventsFor(workorderId: number, db: ShopfloorDb = getDatabase()): Promise<OutboxRow[]> {
  return db.transaction('r', [db.outbox, db.deadLetters], async () => {
    const dead = await deadLettersFor(workorderId, db)
    if (dead.length === 0) return []
    const from = Math.min(...dead.map((d) => d.seq))
    return (await db.outbox.where('[workorderId+seq]').between([workorderId, from], [workorderId, Infinity]).toArray()).filter(
      (r) => r.status === 'pending',
    )
  })
}

/** Work orders with an unresolved dead letter: the queue flags them. */
export async function workOrdersNeedingAttention(db: ShopfloorDb = getDatabase()): Promise<Set<number>> {
  const dead = await db.deadLetters.where('[resolved+deadAt]').between([0, Dexie.minKey], [0, Dexie.maxKey]).toArray()
  return new Set(dead.map((d) => d.workorderId))
}

/** The latest recorded events, newest first, for the supervisor's history (UUIDv7 ids sort by time). */
export function recentEvents(limit = 50, db: ShopfloorDb = getDatabase()): Promise<OutboxRow[]> {
  return db.outbox.reverse().limit(limit).toArray()
}

/** Everything the sync indicator shows, in one read. */
export async function syncOverview(db: ShopfloorDb = getDatabase(), now: number = Date.now()): Promise<SyncOverview> {
  return db.transaction('r', [db.outbox, db.deadLetters, db.syncState], async () => {
    // A fresh collection per use: Dexie collections are mutable (first() narrows it to one row).
    const pending = () => db.outbox.where('[status+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
    const [waiting, oldest, dead, state] = await Promise.all([
      pending().count(),
      pending().first(),
      deadLetters(db),
      db.syncState.get('sync'),
    ])
    const deadWorkOrders = [...new Set(dead.map((d) => d.workorderId))]
    const heldCounts = await Promise.all(deadWorkOrders.map(async (id) => (await pendingEventsFor(id, db)).length))
    const replayingSince = state?.replayingSince ?? null
    return {
      waiting,
      held: heldCounts.reduce((a, b) => a + b, 0),
      deadLetters: dead.length,
      oldestWaitingAt: oldest?.recordedAt ?? null,
      lastSyncAt: state?.lastSyncAt ?? null,
      offlineSince: state?.offlineSince ?? null,
      replayingSince: replayingSince !== null && now - replayingSince < STALE_REPLAY_MS ? replayingSince : null,
      blockedBy: state?.blockedBy ?? null,
      lastError: state?.lastError ?? null,
      clock: state?.clock ?? null,
      lastClockJump: state?.lastClockJump ?? null,
    }
  })
}
