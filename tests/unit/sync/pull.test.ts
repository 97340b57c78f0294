import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../../src/api/client'
import { pullWorkOrders, writeBootstrap, PAGE_LIMIT } from '../../../src/sync/pull'
import { recordAction } from '../../../src/sync/recorder'
import { bootstrap, errorReply, freshDb, json, page, scriptedServer, seed, SERVER, workOrder } from './fixtures'

async function setup(local = [workOrder(1)]) {
  const db = freshDb()
  await seed(db, local)
  const server = scriptedServer()
  const client = createApiClient({ baseUrl: SERVER, token: 't', fetch: server.fetch })
  return { db, server, client }
}

const noYield = () => Promise.resolve()

describe('pullWorkOrders', () => {
  it('does a full sync without a cursor, page by page, and keeps the last cursor', async () => {
    const { db, server, client } = await setup([])
    server.on(
      'GET /workorders',
      json(page([workOrder(1), workOrder(2)], 'c1', true)),
      json(page([workOrder(3)], 'c2', false)),
    )

    const outcome = await pullWorkOrders(db, client, noYield)

    expect(outcome).toEqual({ full: true, pages: 2, items: 3, removed: 0 })
    expect(server.calls.map((c) => [c.query.get('cursor'), c.query.get('limit')])).toEqual([
      [null, String(PAGE_LIMIT)],
      ['c1', String(PAGE_LIMIT)],
    ])
    expect(await db.workOrders.count()).toBe(3)
    expect((await db.syncState.get('sync'))?.cursor).toBe('c2')
  })

  it('drops on a full sync the local work orders the server no longer lists, except those with pending events', async () => {
    const { db, server, client } = await setup([workOrder(1), workOrder(2), workOrder(3)])
    await recordAction(db, { type: 'workorder.start', workorderId: 3, payload: {} })
    server.on('GET /workorders', json(page([workOrder(1)])))

    const outcome = await pullWorkOrders(db, client, noYield)

    expect(outcome.removed).toBe(1)
    expect((await db.workOrders.toCollection().primaryKeys()).sort()).toEqual([1, 3])
  })

  it('applies a delta by cursor: new and changed items, and removed ids', async () => {
    const { db, server, client } = await setup([workOrder(1), workOrder(2)])
    await db.syncState.update('sync', { cursor: 'c5' })
    server.on('GET /workorders', json(page([workOrder(2, { version: 'v2' }), workOrder(4)], 'c6', false, [1])))

    const outcome = await pullWorkOrders(db, client, noYield)

    expect(outcome).toEqual({ full: false, pages: 1, items: 2, removed: 1 })
    expect(server.calls[0]?.query.get('cursor')).toBe('c5')
    expect((await db.workOrders.toCollection().primaryKeys()).sort()).toEqual([2, 4])
    expect((await db.workOrders.get(2))?.wo.version).toBe('v2')
    expect((await db.syncState.get('sync'))?.cursor).toBe('c6')
  })

  it('falls back to a full sync when the cursor expired', async () => {
    const { db, server, client } = await setup([workOrder(1), workOrder(9)])
    await db.syncState.update('sync', { cursor: 'old' })
    server.on('GET /workorders', errorReply(410, 'cursor_expired'), json(page([workOrder(1)], 'fresh')))

    const outcome = await pullWorkOrders(db, client, noYield)

    expect(outcome.full).toBe(true)
    expect(server.calls.map((c) => c.query.get('cursor'))).toEqual(['old', null])
    expect((await db.workOrders.toCollection().primaryKeys())).toEqual([1])
    expect((await db.syncState.get('sync'))?.cursor).toBe('fresh')
  })

  it('re-applies pending local events over the fresh server copy so the screen never jumps back', async () => {
    const { db, server, client } = await setup([workOrder(1)])
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    await recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 4 } })
    server.on('GET /workorders', json(page([workOrder(1, { qty_produced: 1, version: 'other-terminal' })])))

    await pullWorkOrders(db, client, noYield)

    const row = await db.workOrders.get(1)
    expect(row?.base).toMatchObject({ qty_produced: 1, version: 'other-terminal' })
    expect(row?.wo).toMatchObject({ qty_produced: 5, state: 'progress', version: 'other-terminal' })
  })

  it('keeps the cursor of a full sync unsaved until it completes, so a failure restarts it', async () => {
    const { db, server, client } = await setup([])
    server.on('GET /workorders', json(page([workOrder(1)], 'c1', true)), errorReply(503, 'internal_error'))

    await expect(pullWorkOrders(db, client, noYield)).rejects.toMatchObject({ code: 'internal_error' })

    expect((await db.syncState.get('sync'))?.cursor).toBeNull()
    expect(await db.workOrders.count()).toBe(1)
  })

  it('yields to the UI between chunks of a large page', async () => {
    const { db, server, client } = await setup([])
    const items = Array.from({ length: 600 }, (_, i) => workOrder(i + 1))
    server.on('GET /workorders', json(page(items)))
    let yields = 0

    await pullWorkOrders(db, client, async () => {
      yields++
    })

    expect(yields).toBe(3)
    expect(await db.workOrders.count()).toBe(600)
  })
})

describe('writeBootstrap', () => {
  it('writes reference data only when it changed, and keeps a pending downtime on the fresh work center', async () => {
    const { db } = await setup([workOrder(1)])
    await recordAction(db, { type: 'downtime.start', workorderId: 1, payload: { loss_reason_id: 2 } })

    expect(await writeBootstrap(db, bootstrap({ server_time: 'later' }))).toBe(false)
    const changed = bootstrap({ scrap_reasons: [{ id: 1, name: 'Damaged' }, { id: 5, name: 'Wrong color' }] })
    expect(await writeBootstrap(db, changed)).toBe(true)

    expect(await db.reasons.where('kind').equals('scrap').count()).toBe(2)
    expect((await db.workCenters.get(1))?.open_downtime).toMatchObject({ loss_reason_id: 2 })
  })
})
