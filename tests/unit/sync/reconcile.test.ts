import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../../src/api/client'
import { pushOutbox } from '../../../src/sync/push'
import { reconcileWithServer } from '../../../src/sync/reconcile'
import { recordAction } from '../../../src/sync/recorder'
import type { LedgerEntry } from '../../../src/domain/contract'
import { applyAll, bootstrap, errorReply, freshDb, json, networkDown, scriptedServer, seed, SERVER, workOrder } from './fixtures'

const limits = bootstrap().limits

function ledger(id: string, status: LedgerEntry['status'], extra: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id,
    type: 'workorder.start',
    workorder_id: 1,
    device_seq: 1,
    status,
    error: null,
    correlation_id: 'c',
    received_at: '2026-11-23T08:00:00Z',
    applied_at: status === 'applied' ? '2026-11-23T08:00:00Z' : null,
    occurred_at: '2026-11-23T08:00:00Z',
    occurred_at_server: '2026-11-23T08:00:00Z',
    clock_jump_ms: null,
    workorder: status === 'applied' ? workOrder(1, { state: 'progress', version: 'ledger' }) : null,
    ...extra,
  }
}

describe('reconcileWithServer', () => {
  it('settles an event whose answer was lost from the ledger, and reports what disagrees', async () => {
    const db = freshDb()
    await seed(db, [workOrder(1), workOrder(2)])
    const server = scriptedServer()
    const client = createApiClient({ baseUrl: SERVER, token: 't', fetch: server.fetch })
    const a = await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    const b = await recordAction(db, { type: 'workorder.start', workorderId: 2, payload: {} })
    server.on('POST /events', applyAll((e) => workOrder(e.workorder_id)))
    await pushOutbox(db, client, limits)
    const lost = await recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 1 } })
    server.on('POST /events', networkDown)
    await pushOutbox(db, client, limits).catch(() => undefined)
    const never = await recordAction(db, { type: 'workorder.produce', workorderId: 2, payload: { qty: 1 } })

    server
      .on(`GET /events/${a.id}`, json({ event: ledger(a.id, 'applied') }))
      .on(`GET /events/${b.id}`, errorReply(404, 'not_found'))
      .on(`GET /events/${lost.id}`, json({ event: ledger(lost.id, 'applied') }))
    const report = await reconcileWithServer(db, client)

    expect(report).toMatchObject({ checked: 3, matched: 1, settled: 1 })
    expect(report.differences).toEqual([{ eventId: b.id, workorderId: 2, kind: 'missing_on_server', local: 'done', server: null }])
    expect(await db.outbox.get(lost.id)).toMatchObject({ status: 'done', result: 'duplicate' })
    expect((await db.workOrders.get(1))?.wo.version).toBe('ledger')
    expect((await db.outbox.get(never.id))?.status).toBe('pending')
    expect(server.calls.some((c) => c.path === `/events/${never.id}`)).toBe(false)
  })

  it('reports a dead-lettered event the server says it applied', async () => {
    const db = freshDb()
    await seed(db)
    const server = scriptedServer()
    const client = createApiClient({ baseUrl: SERVER, token: 't', fetch: server.fetch })
    const e = await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    server.on('POST /events', json({ results: [{ id: e.id, status: 'rejected', error: { code: 'workorder_blocked', message: 'x' } }] }))
    await pushOutbox(db, client, limits)
    server.on(`GET /events/${e.id}`, json({ event: ledger(e.id, 'applied') }))

    const report = await reconcileWithServer(db, client)

    expect(report.differences).toMatchObject([{ eventId: e.id, kind: 'applied_on_server', local: 'dead', server: 'applied' }])
  })
})
