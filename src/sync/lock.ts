import { v7 as uuidv7 } from 'uuid'
import type { ShopfloorDb } from '../db/schema'

/** Name of the replay lock, in Web Locks and in the lease table. */
export const REPLAY_LOCK_NAME = 'shopfloor-replay'
/** How long a lease lasts without renewal, in milliseconds (fallback only). */
export const LEASE_MS = 30_000

/** The outcome of trying to run under the lock: ran, or busy because another tab holds it. */
export type LockRun<T> = { ran: true; value: T } | { ran: false }

/** One replayer per device: whoever holds the lock replays, the others stay quiet. */
export interface ReplayLock {
  /** Runs `fn` if the lock is free, holding it until `fn` settles; never waits for another tab. */
  run<T>(fn: () => Promise<T>): Promise<LockRun<T>>
}

/** The part of `navigator.locks` the replayer uses. */
export type LockManagerLike = Pick<LockManager, 'request'>

export interface ReplayLockOptions {
  db: ShopfloorDb
  /** Web Locks; `null` forces the lease fallback. Defaults to `navigator.locks` where it exists. */
  locks?: LockManagerLike | null
  /** Lease duration for the fallback, in milliseconds. */
  leaseMs?: number
}

/**
 * The replay lock: Web Locks where the browser has them (released by the browser when a tab dies),
 * else a lease row in IndexedDB that expires, renewed while the holder works.
 */
export function createReplayLock(options: ReplayLockOptions): ReplayLock {
  const { db, locks = globalThis.navigator?.locks ?? null, leaseMs = LEASE_MS } = options
  if (locks) return webLock(locks)
  return leaseLock(db, leaseMs)
}

function webLock(locks: LockManagerLike): ReplayLock {
  return {
    run: <T>(fn: () => Promise<T>) =>
      locks.request(REPLAY_LOCK_NAME, { ifAvailable: true }, async (lock): Promise<LockRun<T>> =>
        lock ? { ran: true, value: await fn() } : { ran: false },
      ),
  }
}

function leaseLock(db: ShopfloorDb, leaseMs: number): ReplayLock {
  const owner = uuidv7()
  const tryTake = () =>
    db.transaction('rw', db.leases, async () => {
      const lease = await db.leases.get(REPLAY_LOCK_NAME)
      if (lease && lease.owner !== owner && lease.expiresAt > Date.now()) return false
      await db.leases.put({ name: REPLAY_LOCK_NAME, owner, expiresAt: Date.now() + leaseMs })
      return true
    })
  const release = () =>
    db.transaction('rw', db.leases, async () => {
      if ((await db.leases.get(REPLAY_LOCK_NAME))?.owner === owner) await db.leases.delete(REPLAY_LOCK_NAME)
    })
  return {
    async run<T>(fn: () => Promise<T>): Promise<LockRun<T>> {
      if (!(await tryTake())) return { ran: false }
      const renewal = setInterval(() => void tryTake(), leaseMs / 3)
      try {
        return { ran: true, value: await fn() }
      } finally {
        clearInterval(renewal)
        await release()
      }
    },
  }
}
