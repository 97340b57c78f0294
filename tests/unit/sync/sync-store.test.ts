// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { setDatabase } from '../../../src/db/database'
import { useSyncStore } from '../../../src/stores/sync'
import { configureSync } from '../../../src/sync'
import { recordAction } from '../../../src/sync/recorder'
import { answerEach, fakeLocks, freshDb, json, networkDown, page, bootstrap, scriptedServer, seed, workOrder } from './fixtures'
import type { ShopfloorDb } from '../../../src/db/schema'

/** Live queries answer asynchronously, and a loaded machine can take seconds. */
const POLL = { timeout: 10_000 }

let db: ShopfloorDb

beforeEach(async () => {
  setActivePinia(createPinia())
  db = freshDb()
  setDatabase(db)
  await seed(db, [workOrder(1)])
})

describe('useSyncStore', () => {
  it('follows the database: synced, then N waiting, then offline since the failure, then attention on a dead letter', async () => {
    const server = scriptedServer().on('GET /bootstrap', json(bootstrap())).on('GET /workorders', json(page([workOrder(1)])))
    configureSync({ fetch: server.fetch, locks: fakeLocks().manager, yieldToUi: async () => {} })
    const store = useSyncStore()
    await expect.poll(() => store.status, POLL).toBe('synced')

    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} }, { now: () => Date.now() - 60_000 })
    await expect.poll(() => store.waiting, POLL).toBe(1)
    expect(store.status).toBe('waiting')
    expect(store.oldestWaitingAgeMs).toBeGreaterThan(55_000)

    server.on('POST /events', networkDown)
    await store.syncNow()
    await expect.poll(() => store.status, POLL).toBe('offline')
    expect(store.offlineSince).not.toBeNull()

    server.on('POST /events', answerEach((e) => ({ id: e.id, status: 'rejected', error: { code: 'workorder_blocked', message: 'x' } })))
    await store.syncNow()
    await expect.poll(() => store.status, POLL).toBe('attention')
    expect(store.deadLetterCount).toBe(1)
    expect(store.deadLetters[0]?.error.code).toBe('workorder_blocked')
    await expect.poll(() => store.lastSyncAt, POLL).not.toBeNull()

    // The discard is an event the server applies in the failed event's place.
    server.on('POST /events', answerEach((e) => ({ id: e.id, status: 'applied', workorder: workOrder(1) })))
    await store.discard(store.deadLetters[0]?.id ?? '', 'Tapped by mistake', 9)
    await store.syncNow()
    await expect.poll(() => store.status, POLL).toBe('synced')
    expect(server.postedEvents().at(-1)).toMatchObject({ type: 'event.discard', payload: { reason: 'Tapped by mistake' } })
  })
})
