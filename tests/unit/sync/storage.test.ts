import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../../src/api/client'
import { pushOutbox } from '../../../src/sync/push'
import { recordAction } from '../../../src/sync/recorder'
import { discardDeadLetter } from '../../../src/sync/dead-letters'
import { HISTORY_RETENTION_MS, requestPersistence, storageHealth } from '../../../src/sync/storage'
import { answerEach, bootstrap, freshDb, scriptedServer, seed, SERVER, workOrder } from './fixtures'

const DAY = 24 * 60 * 60 * 1000

describe('storageHealth', () => {
  it('prunes synced history past retention and never an unsynced (a discard not sent yet) or dead event', async () => {
    const db = freshDb()
    await seed(db, [workOrder(1), workOrder(2), workOrder(3)])
    const server = scriptedServer()
    const client = createApiClient({ baseUrl: SERVER, token: 't', fetch: server.fetch })
    const done = await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    const dead = await recordAction(db, { type: 'workorder.start', workorderId: 2, payload: {} })
    const resolved = await recordAction(db, { type: 'workorder.start', workorderId: 3, payload: {} })
    server.on(
      'POST /events',
      answerEach((e) =>
        e.workorder_id === 1
          ? { id: e.id, status: 'applied', workorder: workOrder(1) }
          : { id: e.id, status: 'rejected', error: { code: 'workorder_blocked', message: 'x' } },
      ),
    )
    await pushOutbox(db, client, bootstrap().limits, () => 0)
    const discard = await discardDeadLetter(db, resolved.id, 'duplicate tap', { now: () => 0, supervisorId: 9 })
    const pending = await recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 1 } }, { now: () => 0 })

    const early = await storageHealth(db, { storage: null, now: HISTORY_RETENTION_MS - DAY })
    const late = await storageHealth(db, { storage: null, now: HISTORY_RETENTION_MS + DAY })

    expect(early.pruned).toEqual({ events: 0, deadLetters: 0, lots: 0 })
    expect(late.pruned).toEqual({ events: 2, deadLetters: 1, lots: 0 })
    expect((await db.outbox.toCollection().primaryKeys()).sort()).toEqual([dead.id, discard.id, pending.id].sort())
    expect(await db.deadLetters.get(dead.id)).toBeDefined()
    expect(await db.outbox.get(done.id)).toBeUndefined()
  })

  it('warns when usage passes 80 % of the quota and reports persistence', async () => {
    const db = freshDb()
    const storage = { estimate: async () => ({ usage: 850, quota: 1000 }), persisted: async () => true }

    const health = await storageHealth(db, { storage })

    expect(health).toMatchObject({ usage: 850, quota: 1000, ratio: 0.85, warning: true, persisted: true })
    expect((await storageHealth(db, { storage: { estimate: async () => ({ usage: 100, quota: 1000 }) } })).warning).toBe(false)
  })

  it('says nothing it does not know where the browser has no storage manager', async () => {
    expect(await storageHealth(freshDb(), { storage: null })).toMatchObject({ usage: null, quota: null, ratio: null, warning: false, persisted: false })
  })
})

describe('requestPersistence', () => {
  it('asks only when not yet persisted, and reports a refusal or a missing API as false', async () => {
    let asked = 0
    expect(await requestPersistence({ persisted: async () => true, persist: async () => (asked++, true) })).toBe(true)
    expect(asked).toBe(0)
    expect(await requestPersistence({ persisted: async () => false, persist: async () => (asked++, false) })).toBe(false)
    expect(asked).toBe(1)
    expect(await requestPersistence(null)).toBe(false)
  })
})
