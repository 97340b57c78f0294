import { liveQuery } from 'dexie'
import { describe, expect, it } from 'vitest'
import * as queries from '../../../src/db/queries'
import { createApiClient } from '../../../src/api/client'
import { pushOutbox } from '../../../src/sync/push'
import { recordAction } from '../../../src/sync/recorder'
import { answerEach, bootstrap, freshDb, scriptedServer, seed, SERVER, workOrder } from '../sync/fixtures'

/** Live queries answer asynchronously, and a loaded machine can take seconds. */
const POLL = { timeout: 10_000 }

describe('queries', () => {
  it('lists the open work orders of the given work centers, next job first', async () => {
    const db = freshDb()
    await seed(db, [
      workOrder(1),
      workOrder(2, { state: 'progress' }),
      workOrder(3, { state: 'done' }),
      workOrder(4, { work_center: { id: 2, name: 'Paint', code: 'PNT' } }),
      workOrder(5, { work_center: { id: 3, name: 'Other', code: 'O' } }),
    ])

    expect((await queries.queueForWorkCenters([1, 2], {}, db)).map((w) => w.id)).toEqual([2, 1, 4])
    expect((await queries.queueForWorkCenters([1], { limit: 1 }, db)).map((w) => w.id)).toEqual([2])
    expect(await queries.queueForWorkCenters([], {}, db)).toEqual([])
  })

  it('finds reference data by barcode, kind and lot', async () => {
    const db = freshDb()
    await seed(db, [workOrder(1, { lots_producing: [{ id: 3, name: 'LOT-3' }] })])
    await db.lots.put({ id: 3, name: 'LOT-3', product: bootstrap().products[0] ?? workOrder(1).product, productId: 7, expiration_date: null, holds: [], fetchedAt: 0 })

    expect((await queries.productByBarcode('111', db))?.id).toBe(11)
    expect((await queries.reasons('loss', db)).map((r) => r.name)).toEqual(['Equipment Failure'])
    expect((await queries.lotByName('LOT-3', db))?.productId).toBe(7)
    expect((await queries.workOrdersByLot('LOT-3', db)).map((w) => w.id)).toEqual([1])
    expect((await queries.currentOperator(db))?.id).toBe(8)
    expect(await queries.pairing(db)).not.toHaveProperty('token')
  })

  it('sums up the sync state: waiting, held behind a dead letter, dead letters, oldest waiting', async () => {
    const db = freshDb()
    await seed(db, [workOrder(1), workOrder(2)])
    const server = scriptedServer()
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} }, { now: () => 1_000 })
    await recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 1 } }, { now: () => 2_000 })
    await recordAction(db, { type: 'workorder.start', workorderId: 2, payload: {} }, { now: () => 3_000 })
    server.on(
      'POST /events',
      answerEach((e) =>
        e.device_seq === 1
          ? { id: e.id, status: 'rejected', error: { code: 'workorder_blocked', message: 'x' } }
          : { id: e.id, status: 'retry', error: { code: 'waiting_for_earlier_event', message: 'w' } },
      ),
    )
    await pushOutbox(db, createApiClient({ baseUrl: SERVER, token: 't', fetch: server.fetch }), bootstrap().limits)

    const overview = await queries.syncOverview(db)

    expect(overview).toMatchObject({ waiting: 2, held: 1, deadLetters: 1, oldestWaitingAt: 2_000 })
    expect((await queries.pendingEventsFor(1, db)).map((r) => r.seq)).toEqual([2])
    expect((await queries.deadLettersFor(1, db)).map((d) => d.seq)).toEqual([1])
    expect((await queries.recentEvents(2, db)).map((r) => r.seq)).toEqual([3, 2])
  })

  it('works inside liveQuery: a recorded action re-runs the work order query', async () => {
    const db = freshDb()
    await seed(db)
    const seen: Array<number | undefined> = []
    const subscription = liveQuery(() => queries.workOrderById(1, db)).subscribe((wo) => seen.push(wo?.qty_produced))
    await expect.poll(() => seen.length, POLL).toBe(1)

    await recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 4 } })

    await expect.poll(() => seen.at(-1), POLL).toBe(4)
    subscription.unsubscribe()
  })
})
