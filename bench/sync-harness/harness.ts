/**
 * The sync engine's benchmark harness, run in Chromium with real IndexedDB and served by the demo
 * backend (same origin, as in production). bench/sync.bench.ts calls `window.syncBench.*` and
 * prints the figures; every function returns raw measurements, never a verdict.
 */
import { Dexie } from 'dexie'
import { createApiClient } from '../../src/api/client'
import { queueForWorkCenters } from '../../src/db/queries'
import { ShopfloorDb } from '../../src/db/schema'
import type { RecordAction } from '../../src/domain/actions'
import type { WorkOrder } from '../../src/domain/contract'
import { requireSession } from '../../src/sync/context'
import { pullWorkOrders } from '../../src/sync/pull'
import { pushOutbox } from '../../src/sync/push'
import { recordAction } from '../../src/sync/recorder'
import { pairDevice, signIn } from '../../src/sync/session'

const DB_NAME = 'shopfloor-bench'
const db = new ShopfloorDb(DB_NAME)

/** Milliseconds spent waiting for the server (request sent → whole body received), summed. */
let waitingMs = 0

/** A fetch that reads the whole body before handing it over, so the time waiting for the server can be told apart. */
const timedFetch: typeof fetch = async (input, init) => {
  const t0 = performance.now()
  const response = await fetch(input, init)
  const body = await response.arrayBuffer()
  waitingMs += performance.now() - t0
  return new Response(body, { status: response.status, headers: response.headers })
}

async function client() {
  const session = await requireSession(db)
  return createApiClient({ baseUrl: session.serverUrl, token: session.token, fetch: timedFetch })
}

/** Work orders an operator can start and report on: untracked, open, not blocked. */
async function workable(): Promise<WorkOrder[]> {
  return (await db.workOrders.toArray())
    .map((r) => r.wo)
    .filter((wo) => wo.product.tracking === 'none' && (wo.state === 'ready' || wo.state === 'progress') && !wo.is_blocked && wo.holds.length === 0)
}

/** Work orders the recorded actions spread over: a shift's worth, not all 10,000. */
const ACTIVE_WORK_ORDERS = 600

/** Start, then unit-by-unit produce within the planned quantity, round-robin over the work orders. */
function* actions(workOrders: WorkOrder[]): Generator<RecordAction, never> {
  const produced = new Map<number, number>()
  for (let round = 0; ; round++) {
    let yielded = false
    for (const wo of workOrders) {
      if (round === 0) {
        yield { type: 'workorder.start', workorderId: wo.id, payload: {} }
        continue
      }
      const done = (produced.get(wo.id) ?? wo.qty_produced) + 1
      if (done > wo.qty_production) continue
      produced.set(wo.id, done)
      yielded = true
      yield { type: 'workorder.produce', workorderId: wo.id, payload: { qty: 1 } }
    }
    if (round > 0 && !yielded) throw new Error('The benchmark ran out of work: seed more work orders.')
  }
}

let queue: Generator<RecordAction> | null = null

const syncBench = {
  /** Pairs with the serving demo backend (pair, bootstrap, first full sync); returns the time and the work order count. */
  async pair(code: string): Promise<{ ms: number; workOrders: number }> {
    const t0 = performance.now()
    const result = await pairDevice({ db, storage: null }, { serverUrl: location.origin, code, deviceName: 'bench' })
    const ms = performance.now() - t0
    const operator = (await db.operators.toArray())[0]
    if (operator) await signIn(db, operator.id)
    return { ms, workOrders: result.workOrders }
  },

  /** A full sync into an empty work-order table, as on a new device: returns the time and the pulled count. */
  async fullSync(): Promise<{ ms: number; waitingMs: number; items: number; pages: number }> {
    await db.transaction('rw', db.workOrders, db.syncState, async () => {
      await db.workOrders.clear()
      await db.syncState.update('sync', { cursor: null })
    })
    const api = await client()
    waitingMs = 0
    const t0 = performance.now()
    const outcome = await pullWorkOrders(db, api)
    return { ms: performance.now() - t0, waitingMs, items: outcome.items, pages: outcome.pages }
  },

  /** Records `n` actions without measuring them (the queue that the other figures run against). */
  async fill(n: number): Promise<number> {
    queue ??= actions((await workable()).slice(0, ACTIVE_WORK_ORDERS))
    for (let i = 0; i < n; i++) await recordAction(db, queue.next().value)
    return db.outbox.count()
  },

  /** Records `n` actions one at a time; returns each one's time from the tap to the committed transaction, in ms. */
  async actionLatencies(n: number): Promise<number[]> {
    queue ??= actions((await workable()).slice(0, ACTIVE_WORK_ORDERS))
    const latencies: number[] = []
    for (let i = 0; i < n; i++) {
      const action = queue.next().value
      const t0 = performance.now()
      await recordAction(db, action)
      latencies.push(performance.now() - t0)
    }
    return latencies
  },

  /** Sends every pending event to the server; returns how many and how long. */
  async replay(): Promise<{ ms: number; waitingMs: number; sent: number; done: number; dead: number; batches: number }> {
    const session = await requireSession(db)
    const api = await client()
    waitingMs = 0
    const t0 = performance.now()
    const outcome = await pushOutbox(db, api, session.limits)
    return { ms: performance.now() - t0, waitingMs, ...outcome }
  },

  /** Counts: work orders, pending events. */
  async counts(): Promise<{ workOrders: number; pending: number }> {
    return {
      workOrders: await db.workOrders.count(),
      pending: await db.outbox.where('[status+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).count(),
    }
  },

  /**
   * Cold start: in a freshly loaded page, opens the database and reads the queue of the terminal's
   * work centers (all of it, or its first `limit` jobs). Returns the time since navigation start
   * (performance.now()), the query's own time and the row count.
   */
  async coldQueue(limit?: number): Promise<{ sinceNavigationMs: number; queryMs: number; rows: number }> {
    const t0 = performance.now()
    const session = await requireSession(db)
    const rows = await queueForWorkCenters(session.terminal.work_center_ids, { limit }, db)
    const t1 = performance.now()
    return { sinceNavigationMs: t1, queryMs: t1 - t0, rows: rows.length }
  },
}

declare global {
  interface Window {
    syncBench: typeof syncBench
  }
}

window.syncBench = syncBench
