import { describe, expect, test } from 'vitest'
import type { EventsResponse, LedgerEntry } from '../../src/domain/contract.ts'
import {
  api,
  appliedWorkOrder,
  claimWorkOrder,
  currentWorkOrder,
  isWorkable,
  newEvent,
  operatorId,
  sendEvent,
} from './fixtures.ts'

describe('events: idempotency', () => {
  test('a replayed event answers duplicate with the original outcome and applies nothing twice', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx, isWorkable)
    const produce = newEvent('workorder.produce', wo.id, { qty: 1 }, { employeeId })
    const first = await sendEvent(produce)
    expect(first.status).toBe('applied')
    expect(appliedWorkOrder(first).qty_produced).toBe(wo.qty_produced + 1)
    const replay = await sendEvent(produce)
    expect(replay.status).toBe('duplicate')
    expect(replay.id).toBe(produce.id)
    expect(appliedWorkOrder(replay).id).toBe(wo.id)
    expect(appliedWorkOrder(replay).qty_produced).toBe(wo.qty_produced + 1)
    expect((await currentWorkOrder(wo.id))?.qty_produced).toBe(wo.qty_produced + 1)
  })

  test('the same event sent 10 times concurrently is applied exactly once', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx, isWorkable)
    const produce = newEvent('workorder.produce', wo.id, { qty: 1 }, { employeeId })
    const responses = await Promise.all(Array.from({ length: 10 }, () => api.post<EventsResponse>('/events', { events: [produce] })))
    const statuses = responses.map((response) => {
      expect(response.status, response.text).toBe(200)
      return response.body.results[0]?.status
    })
    expect(statuses.filter((s) => s === 'applied')).toHaveLength(1)
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(9)
    expect((await currentWorkOrder(wo.id))?.qty_produced).toBe(wo.qty_produced + 1)
    const ledger = await api.get<{ event: LedgerEntry }>(`/events/${produce.id}`)
    expect(ledger.body.event.status).toBe('applied')
  })

  test('the same id with other content is conflict idempotency_key_reused, and changes nothing', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx, isWorkable)
    const produce = newEvent('workorder.produce', wo.id, { qty: 1 }, { employeeId })
    expect((await sendEvent(produce)).status).toBe('applied')
    const reused = await sendEvent({ ...produce, payload: { qty: 2 } })
    expect(reused).toMatchObject({ id: produce.id, status: 'conflict', error: { code: 'idempotency_key_reused' } })
    expect((await currentWorkOrder(wo.id))?.qty_produced).toBe(wo.qty_produced + 1)
  })

  test('the correlation id does not count as content: a resend with a new one is a duplicate', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    const start = { ...newEvent('workorder.start', wo.id, {}, { employeeId }), correlation_id: 'first-try' }
    expect((await sendEvent(start)).status).toBe('applied')
    expect((await sendEvent({ ...start, correlation_id: 'second-try' })).status).toBe('duplicate')
  })

  test('a replayed rejected event answers the same rejection', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx, isWorkable)
    const bad = newEvent('workorder.produce', wo.id, { qty: -3 }, { employeeId })
    const first = await sendEvent(bad)
    expect(first).toMatchObject({ status: 'rejected', error: { code: 'qty_invalid' } })
    const again = await sendEvent(bad)
    expect(again).toEqual(first)
  })
})
