import type { ShopfloorDb } from '../db/schema'

/** Synced history (events the server confirmed, resolved dead letters) is kept this long, in ms. */
export const HISTORY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000
/** Lots looked up online are kept for offline scans this long, in ms. */
export const LOT_CACHE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000
/** Warn when the origin's usage passes this fraction of its quota. */
export const QUOTA_WARNING_RATIO = 0.8

/** The part of `navigator.storage` used here. */
export type StorageLike = Partial<Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>>

/** The device's storage situation, for the supervisor screen and the low-space warning. */
export interface StorageHealth {
  /** Bytes used by this origin, or null where the browser does not say. */
  usage: number | null
  /** Bytes this origin may use, or null where the browser does not say. */
  quota: number | null
  /** usage / quota, or null. */
  ratio: number | null
  /** True when the ratio passed QUOTA_WARNING_RATIO: sync, or free space on the device. */
  warning: boolean
  /** Whether the browser promised not to evict this origin's data. */
  persisted: boolean
  /** Rows pruned by this check. */
  pruned: { events: number; deadLetters: number; lots: number }
}

export interface StorageHealthOptions {
  storage?: StorageLike | null
  /** Epoch ms. */
  now?: number
  /** In ms. */
  retentionMs?: number
}

function defaultStorage(): StorageLike | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null
}

/**
 * Asks the browser to keep this origin's data under storage pressure (so the outbox is never
 * evicted). Browsers may grant it silently, ask, or refuse.
 * @returns whether storage is persistent now.
 */
export async function requestPersistence(storage: StorageLike | null = defaultStorage()): Promise<boolean> {
  if (!storage?.persist) return false
  try {
    return (await storage.persisted?.()) || (await storage.persist())
  } catch {
    return false
  }
}

/**
 * Prunes synced history older than the retention period — never a pending or dead-lettered
 * event — and reports quota, usage and whether to warn.
 */
export async function storageHealth(db: ShopfloorDb, options: StorageHealthOptions = {}): Promise<StorageHealth> {
  const { storage = defaultStorage(), now = Date.now(), retentionMs = HISTORY_RETENTION_MS } = options
  const pruned = await pruneHistory(db, now - retentionMs, now - LOT_CACHE_RETENTION_MS)
  const estimate = storage?.estimate ? await storage.estimate() : {}
  const usage = estimate.usage ?? null
  const quota = estimate.quota ?? null
  const ratio = usage !== null && quota ? usage / quota : null
  const persisted = storage?.persisted ? await storage.persisted() : false
  return { usage, quota, ratio, warning: ratio !== null && ratio >= QUOTA_WARNING_RATIO, persisted, pruned }
}

/**
 * Deletes confirmed or resolved events settled before `historyBefore`, dead letters resolved
 * before it, and lots fetched before `lotsBefore`. Pending and dead events are never touched.
 */
export async function pruneHistory(db: ShopfloorDb, historyBefore: number, lotsBefore: number): Promise<StorageHealth['pruned']> {
  return db.transaction('rw', [db.outbox, db.deadLetters, db.lots], async () => {
    const events = await db.outbox
      .where('settledAt')
      .below(historyBefore)
      .filter((r) => r.status === 'done' || r.status === 'resolved')
      .delete()
    const deadLetters = await db.deadLetters
      .where('[resolved+deadAt]')
      .between([1, 0], [1, Infinity])
      .filter((d) => d.resolution !== null && d.resolution.at < historyBefore)
      .delete()
    const lots = await db.lots.filter((l) => l.fetchedAt < lotsBefore).delete()
    return { events, deadLetters, lots }
  })
}
