import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSyncEngine, type SyncEngine } from '../../../src/sync/engine'
import { recordAction } from '../../../src/sync/recorder'
import { answerEach, bootstrap, errorReply, fakeLocks, freshDb, json, networkDown, page, scriptedServer, seed, workOrder, type Reply } from './fixtures'
import type { ShopfloorDb } from '../../../src/db/schema'

const noYield = () => Promise.resolve()

/** Lets fake-indexeddb (real setImmediate) run until the engine is idle. */
async function drain(engine: SyncEngine): Promise<void> {
  for (let i = 0; i < 5 || engine.running; i++) await new Promise((resolve) => setImmediate(resolve))
}

let db: ShopfloorDb

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: 0 })
  db = freshDb()
  await seed(db, [workOrder(1)])
})

afterEach(() => {
  vi.useRealTimers()
})

/** A server that logs the fake time of every call; POST /events follows `events`. */
function clockedServer(events: Reply[]) {
  const server = scriptedServer()
  const log: string[] = []
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = new URL(String(input))
    log.push(`${init?.method ?? 'GET'} ${url.pathname.replace('/shopfloor_terminal/v1', '')} @${Date.now()}`)
    return server.fetch(input, init)
  }
  server.on('POST /events', ...events).on('GET /bootstrap', json(bootstrap())).on('GET /workorders', json(page([workOrder(1, { state: 'progress' })])))
  return { server, log, fetch }
}

const applied = answerEach((e) => ({ id: e.id, status: 'applied', workorder: workOrder(e.workorder_id, { state: 'progress' }) }))

describe('the replay loop', () => {
  it('retries with a doubling, jittered, capped backoff while the network is down, then polls', async () => {
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    const { log, fetch } = clockedServer([networkDown, networkDown, networkDown, applied])
    const engine = createSyncEngine({ db, fetch, locks: fakeLocks().manager, random: () => 0.5, yieldToUi: noYield })

    engine.start()
    await drain(engine)
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersToNextTimerAsync()
      await drain(engine)
    }
    engine.stop()

    // Full jitter at 0.5: half of 1 s, 2 s, 4 s; then the 30 s poll after success.
    expect(log).toEqual([
      'POST /events @0',
      'POST /events @500',
      'POST /events @1500',
      'POST /events @3500',
      'GET /decisions @3500',
      'GET /bootstrap @3500',
      'GET /workorders @3500',
      'GET /decisions @33500',
      'GET /bootstrap @33500',
      'GET /workorders @33500',
    ])
  })

  it('marks offline since the first failed request and clears it on the first success', async () => {
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    const { fetch } = clockedServer([networkDown, networkDown, applied])
    const engine = createSyncEngine({ db, fetch, locks: fakeLocks().manager, random: () => 0.5, yieldToUi: noYield })

    vi.setSystemTime(1_000)
    const first = await engine.syncNow()
    vi.setSystemTime(9_000)
    await engine.syncNow()
    const offline = await db.syncState.get('sync')
    vi.setSystemTime(20_000)
    const last = await engine.syncNow()

    expect(first.kind).toBe('failed')
    expect(offline).toMatchObject({ offlineSince: 1_000, lastError: expect.stringMatching(/check the network/) })
    expect(last.kind).toBe('synced')
    expect(await db.syncState.get('sync')).toMatchObject({ offlineSince: null, lastSyncAt: 20_000, lastError: null })
  })

  it('keeps the clock offset every answer shows, error answers included, in the sync state', async () => {
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    const { fetch: serve } = clockedServer([errorReply(503, 'temporarily_unavailable'), applied])
    // The server's clock is 10 minutes behind this device's: the device is fast.
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await serve(input, init)
      const headers = new Headers(response.headers)
      headers.set('X-Server-Time', new Date(Date.now() - 600_000).toISOString())
      return new Response(await response.text(), { status: response.status, headers })
    }
    const engine = createSyncEngine({ db, fetch, locks: fakeLocks().manager, random: () => 0.5, yieldToUi: noYield })

    vi.setSystemTime(1_000)
    const failed = await engine.syncNow()
    const afterFailure = (await db.syncState.get('sync'))?.clock
    vi.setSystemTime(5_000)
    await engine.syncNow()

    expect(failed.kind).toBe('failed')
    expect(afterFailure).toMatchObject({ offsetMs: -600_000, boundMs: 0, measuredAt: 1_000 })
    expect((await db.syncState.get('sync'))?.clock).toMatchObject({ offsetMs: -600_000, boundMs: 0 })
  })

  it('stops retrying on a revoked token until someone re-pairs', async () => {
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    const { log, fetch } = clockedServer([errorReply(401, 'token_revoked')])
    const engine = createSyncEngine({ db, fetch, locks: fakeLocks().manager, random: () => 0.5, yieldToUi: noYield })

    engine.start()
    await drain(engine)
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    await drain(engine)
    engine.stop()

    expect(log).toEqual(['POST /events @0'])
    expect((await db.syncState.get('sync'))?.blockedBy).toBe('token_revoked')
  })

  it('waits at least what a 429 Retry-After asks', async () => {
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    const { fetch } = clockedServer([errorReply(429, 'rate_limited', {}, { 'retry-after': '20' })])
    const engine = createSyncEngine({ db, fetch, locks: fakeLocks().manager, random: () => 0.5, yieldToUi: noYield })

    const result = await engine.syncNow()

    expect(result).toMatchObject({ kind: 'failed', retryInMs: 20_000 })
    expect((await db.syncState.get('sync'))?.offlineSince).toBeNull()
  })

  it('runs one more cycle when asked during a cycle, never two at once', async () => {
    const { log, fetch } = clockedServer([applied])
    let concurrent = 0
    let maxConcurrent = 0
    const counting: typeof globalThis.fetch = async (input, init) => {
      concurrent++
      maxConcurrent = Math.max(maxConcurrent, concurrent)
      try {
        return await fetch(input, init)
      } finally {
        concurrent--
      }
    }
    const engine = createSyncEngine({ db, fetch: counting, locks: fakeLocks().manager, yieldToUi: noYield })

    const first = engine.syncNow()
    const second = engine.syncNow()
    const third = engine.syncNow()
    await Promise.all([first, second, third])

    expect(first).toBe(second)
    expect(maxConcurrent).toBe(1)
    expect(log.filter((l) => l.startsWith('GET /bootstrap'))).toHaveLength(2)
  })

  it('stays quiet while another tab holds the replay lock', async () => {
    const locks = fakeLocks()
    locks.held.add('shopfloor-replay')
    const { log, fetch } = clockedServer([applied])
    const engine = createSyncEngine({ db, fetch, locks: locks.manager, yieldToUi: noYield })

    expect((await engine.syncNow()).kind).toBe('busy')
    expect(log).toEqual([])
  })

  it('syncs when the network comes back, the page becomes visible, or the service worker relays a Background Sync', async () => {
    const { log, fetch } = clockedServer([applied])
    const win = new EventTarget()
    const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' as DocumentVisibilityState })
    const sw = new EventTarget()
    const engine = createSyncEngine({ db, fetch, locks: fakeLocks().manager, yieldToUi: noYield, triggers: { window: win, document: doc, serviceWorker: sw } })
    engine.start()
    await drain(engine)
    const cycles = () => log.filter((l) => l.startsWith('GET /bootstrap')).length

    win.dispatchEvent(new Event('online'))
    await drain(engine)
    doc.dispatchEvent(new Event('visibilitychange'))
    await drain(engine)
    doc.visibilityState = 'visible'
    doc.dispatchEvent(new Event('visibilitychange'))
    await drain(engine)
    sw.dispatchEvent(new MessageEvent('message', { data: { type: 'SYNC_NOW', tag: 'shopfloor-outbox' } }))
    await drain(engine)
    engine.stop()
    win.dispatchEvent(new Event('online'))
    await drain(engine)

    // start, online, visible, background sync; hidden and after-stop do nothing.
    expect(cycles()).toBe(4)
  })

  it('registers a Background Sync after a failed cycle, where the browser has it', async () => {
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    const { fetch } = clockedServer([networkDown])
    const backgroundSync = vi.fn(() => Promise.resolve(true))
    const engine = createSyncEngine({ db, fetch, locks: fakeLocks().manager, yieldToUi: noYield, backgroundSync })

    engine.start()
    await drain(engine)
    engine.stop()

    expect(backgroundSync).toHaveBeenCalledTimes(1)
  })

  it('backs off while the server keeps answering retry', async () => {
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    const retry = answerEach((e) => ({ id: e.id, status: 'retry', error: { code: 'lock_timeout', message: 'busy' } }))
    const { log, fetch } = clockedServer([retry, retry, applied])
    const engine = createSyncEngine({ db, fetch, locks: fakeLocks().manager, random: () => 0.5, yieldToUi: noYield })

    engine.start()
    await drain(engine)
    for (let i = 0; i < 2; i++) {
      await vi.advanceTimersToNextTimerAsync()
      await drain(engine)
    }
    engine.stop()

    expect(log.filter((l) => l.startsWith('POST'))).toEqual(['POST /events @0', 'POST /events @500', 'POST /events @1500'])
  })
})
