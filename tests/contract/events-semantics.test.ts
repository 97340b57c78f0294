import { randomUUID } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import type { LedgerEntry } from '../../src/domain/contract.ts'
import {
  api,
  appliedWorkOrder,
  claimWorkOrder,
  currentWorkOrder,
  expectError,
  minutesAgo,
  newEvent,
  operatorId,
  ownOperatorId,
  reasonId,
  sendEvent,
  sendEvents,
  skipIfOperatorTimeTaken,
  skipIfWorkOrderTooYoung,
} from './fixtures.ts'

describe('events: ordering within a batch', () => {
  test('after a rejected event, later events of that work order wait; other work orders go on', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    const other = await claimWorkOrder(ctx)
    const batch = [
      newEvent('workorder.produce', wo.id, { qty: 0 }, { employeeId }),
      newEvent('workorder.start', wo.id, {}, { employeeId }),
      newEvent('workorder.start', other.id, {}, { employeeId }),
    ]
    const results = await sendEvents(batch)
    expect(results[0]).toMatchObject({ status: 'rejected', error: { code: 'qty_invalid' } })
    expect(results[1]).toMatchObject({ status: 'retry', error: { code: 'waiting_for_earlier_event' } })
    expect(results[2]?.status).toBe('applied')
    expect((await currentWorkOrder(wo.id))?.is_running).toBe(false)
    const waiting = await api.get<{ event: LedgerEntry }>(`/events/${batch[1]?.id}`)
    expect(waiting.body.event.status).toBe('retry')
    const resent = await sendEvent(batch[1] as (typeof batch)[number])
    expect(resent.status).toBe('applied')
  })
})

describe('events: work order rules', () => {
  test('start, pause and finish follow occurred_at: duration is the time between them', async (ctx) => {
    const employeeId = await ownOperatorId(ctx, 3)
    const wo = await claimWorkOrder(ctx)
    const results = await sendEvents([
      newEvent('workorder.start', wo.id, {}, { employeeId, occurredAt: minutesAgo(90) }),
      newEvent('workorder.pause', wo.id, {}, { employeeId, occurredAt: minutesAgo(60) }),
    ])
    skipIfWorkOrderTooYoung(ctx, results)
    skipIfOperatorTimeTaken(ctx, results)
    const paused = appliedWorkOrder(results[1] as (typeof results)[number])
    // Every result carries its work order as it is after the whole batch.
    expect(appliedWorkOrder(results[0] as (typeof results)[number])).toEqual(paused)
    expect(paused.state).toBe('progress')
    expect(paused.is_running).toBe(false)
    expect(paused.duration).toBeCloseTo(wo.duration + 30, 1)
    const restarted = appliedWorkOrder(await sendEvent(newEvent('workorder.start', wo.id, {}, { employeeId, occurredAt: minutesAgo(20) })))
    expect(restarted.is_running).toBe(true)
    const finishedAt = minutesAgo(5)
    const finished = appliedWorkOrder(
      await sendEvent(newEvent('workorder.finish', wo.id, { qty: wo.qty_production }, { employeeId, occurredAt: finishedAt })),
    )
    expect(finished).toMatchObject({ state: 'done', is_running: false, qty_produced: wo.qty_production })
    expect(finished.duration).toBeCloseTo(wo.duration + 45, 1)
    expect(Date.parse(finished.date_finished as string)).toBe(Date.parse(finishedAt))
  })

  test('a held work order cannot finish: rejected workorder_on_hold', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const holdReason = await reasonId(ctx, 'hold_reasons')
    const wo = await claimWorkOrder(ctx)
    const held = appliedWorkOrder(await sendEvent(newEvent('quality.hold', wo.id, { reason_id: holdReason }, { employeeId })))
    expect(held.is_blocked).toBe(true)
    expect(held.holds).toEqual([expect.objectContaining({ state: 'held', workorder_id: wo.id, lot_name: null })])
    const finish = await sendEvent(newEvent('workorder.finish', wo.id, { qty: 1 }, { employeeId }))
    expect(finish).toMatchObject({ status: 'rejected', error: { code: 'workorder_on_hold' } })
    const produce = await sendEvent(newEvent('workorder.produce', wo.id, { qty: 1 }, { employeeId }))
    expect(produce).toMatchObject({ status: 'rejected', error: { code: 'workorder_on_hold' } })
  })

  test('only an operator with the right releases a hold; then the work order can finish', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const supervisorId = await operatorId(ctx, true)
    const holdReason = await reasonId(ctx, 'hold_reasons')
    const wo = await claimWorkOrder(ctx)
    const held = appliedWorkOrder(await sendEvent(newEvent('quality.hold', wo.id, { reason_id: holdReason }, { employeeId })))
    const holdId = held.holds[0]?.id as number
    if (employeeId !== supervisorId) {
      const refused = await sendEvent(newEvent('quality.release', wo.id, { hold_id: holdId }, { employeeId }))
      expect(refused).toMatchObject({ status: 'rejected', error: { code: 'release_not_allowed' } })
    }
    const released = appliedWorkOrder(
      await sendEvent(newEvent('quality.release', wo.id, { hold_id: holdId }, { employeeId: supervisorId })),
    )
    expect(released.holds).toEqual([])
    expect(released.is_blocked).toBe(false)
    const again = await sendEvent(newEvent('quality.release', wo.id, { hold_id: holdId }, { employeeId: supervisorId }))
    expect(again).toMatchObject({ status: 'rejected', error: { code: 'hold_not_active' } })
    expect((await sendEvent(newEvent('workorder.finish', wo.id, { qty: 1 }, { employeeId }))).status).toBe('applied')
  })

  test('producing beyond the tolerance is rejected qty_over_tolerance', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    const result = await sendEvent(newEvent('workorder.produce', wo.id, { qty: wo.qty_production * 3 }, { employeeId }))
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'qty_over_tolerance' } })
  })

  test('events on a finished work order are rejected workorder_closed', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    expect((await sendEvent(newEvent('workorder.finish', wo.id, { qty: 1 }, { employeeId }))).status).toBe('applied')
    const late = await sendEvent(newEvent('workorder.start', wo.id, {}, { employeeId }))
    expect(late).toMatchObject({ status: 'rejected', error: { code: 'workorder_closed' } })
  })

  test('a scrap with a reason is applied', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const scrapReason = await reasonId(ctx, 'scrap_reasons')
    const wo = await claimWorkOrder(ctx)
    const result = await sendEvent(
      newEvent('scrap.record', wo.id, { product_id: wo.product.id, qty: 1, reason_id: scrapReason, note: 'dropped' }, { employeeId }),
    )
    expect(result.status).toBe('applied')
  })
})

describe('events: the ledger', () => {
  test('GET /events/<id> answers the entry with the request’s correlation id', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    const start = newEvent('workorder.start', wo.id, {}, { employeeId })
    const own = { ...newEvent('workorder.pause', wo.id, {}, { employeeId }), correlation_id: 'event-own-id' }
    await sendEvents([start, own], { 'X-Correlation-ID': 'contract-batch-42' })
    const response = await api.get<{ event: LedgerEntry }>(`/events/${start.id}`)
    expect(response.status).toBe(200)
    expect(response.body.event).toMatchObject({
      id: start.id,
      type: 'workorder.start',
      workorder_id: wo.id,
      device_seq: start.device_seq,
      status: 'applied',
      error: null,
      correlation_id: 'contract-batch-42',
      workorder: { id: wo.id },
    })
    expect(Number.isNaN(Date.parse(response.body.event.received_at))).toBe(false)
    expect(Number.isNaN(Date.parse(response.body.event.applied_at as string))).toBe(false)
    const ownEntry = await api.get<{ event: LedgerEntry }>(`/events/${own.id}`)
    expect(ownEntry.body.event.correlation_id).toBe('event-own-id')
  })

  test('an unknown id is 404 not_found, a malformed one 400', async () => {
    expectError(await api.get(`/events/${randomUUID()}`), 404, 'not_found')
    expectError(await api.get('/events/not-a-uuid'), 400, 'invalid_request')
  })
})
