import { randomUUID } from 'node:crypto'
import { describe, expect, test, type TestContext } from 'vitest'
import type { DecisionsResponse, EventResult, LedgerEntry, TerminalEvent, WorkOrder } from '../../src/domain/contract.ts'
import {
  api,
  appliedWorkOrder,
  claimWorkOrder,
  currentWorkOrder,
  isIdle,
  newEvent,
  operatorId,
  reasonId,
  sendEvent,
  sendEvents,
} from './fixtures.ts'

/** The ledger entry of one of this terminal's events. */
async function ledgerEntry(id: string): Promise<LedgerEntry> {
  const response = await api.get<{ event: LedgerEntry }>(`/events/${id}`)
  expect(response.status, response.text).toBe(200)
  return response.body.event
}

/** The work order a result carries (rejected ones too, since issue 13). */
function carried(result: EventResult | undefined): WorkOrder | null | undefined {
  return result && 'workorder' in result ? result.workorder : undefined
}

/**
 * A resend of `failed` as the terminal builds it: new id, same device_seq, time, operator and correlation id;
 * a refusal about its time may be resent with a corrected `occurredAt`.
 */
function resendOf(
  failed: TerminalEvent,
  resolvedBy: number | null,
  payload: TerminalEvent['payload'] = failed.payload,
  occurredAt: string = failed.occurred_at,
): TerminalEvent {
  return { ...failed, id: randomUUID(), occurred_at: occurredAt, resend_of: failed.id, resolved_by: resolvedBy, payload } as TerminalEvent
}

/** A discard of `failed` as the terminal builds it: in its place (workorder_id, device_seq). */
function discardOf(failed: TerminalEvent, reason: string, employeeId: number | null): TerminalEvent {
  return {
    id: randomUUID(),
    type: 'event.discard',
    workorder_id: failed.workorder_id,
    occurred_at: new Date().toISOString(),
    device_seq: failed.device_seq,
    employee_id: employeeId,
    payload: { event_id: failed.id, reason },
  }
}

/** A produce rejected for good (qty 0), with a start of the same work order waiting behind it in the batch. */
async function rejectedProduce(ctx: TestContext) {
  const employeeId = await operatorId(ctx)
  const wo = await claimWorkOrder(ctx, isIdle)
  const produce = newEvent('workorder.produce', wo.id, { qty: 0 }, { employeeId })
  const start = newEvent('workorder.start', wo.id, {}, { employeeId })
  const results = await sendEvents([produce, start])
  expect(results[0]).toMatchObject({ status: 'rejected', error: { code: 'qty_invalid' } })
  expect(results[1]).toMatchObject({ status: 'retry', error: { code: 'waiting_for_earlier_event' } })
  return { employeeId, wo, produce, start, rejected: results[0] }
}

describe('recovery: a finish states its quantity', () => {
  test('a finish without qty is rejected invalid_event naming payload.qty; an unknown qty_basis names payload.qty_basis', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx, isIdle)
    const missing = await sendEvent({ ...newEvent('workorder.finish', wo.id, { qty: 1 }, { employeeId }), payload: {} })
    expect(missing).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'payload.qty' } } })
    const basis = await sendEvent({ ...newEvent('workorder.finish', wo.id, { qty: 1 }, { employeeId }), payload: { qty: 1, qty_basis: 'guess' } })
    expect(basis).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'payload.qty_basis' } } })
    expect((await currentWorkOrder(wo.id))?.state).not.toBe('done')
  })

  test('the final quantity is the one the finish states, never the planned fallback', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx, isIdle)
    const qty = wo.qty_produced + 1
    const finished = appliedWorkOrder(await sendEvent(newEvent('workorder.finish', wo.id, { qty, qty_basis: 'reported' }, { employeeId })))
    expect(finished).toMatchObject({ state: 'done', qty_produced: qty })
    expect(qty).toBeLessThan(wo.qty_production)
  })

  test('the planned quantity, chosen on screen, is recorded as stated', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx, (w) => isIdle(w) && w.qty_produced === 0, 'idle with nothing reported')
    const finished = appliedWorkOrder(
      await sendEvent(newEvent('workorder.finish', wo.id, { qty: wo.qty_production, qty_basis: 'planned' }, { employeeId })),
    )
    expect(finished).toMatchObject({ state: 'done', qty_produced: wo.qty_production })
  })
})

describe('recovery: rejected results carry the work order', () => {
  test('a produce refused on a held work order carries it, with the hold behind the refusal', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const holdReason = await reasonId(ctx, 'hold_reasons')
    const wo = await claimWorkOrder(ctx, isIdle)
    appliedWorkOrder(await sendEvent(newEvent('quality.hold', wo.id, { reason_id: holdReason }, { employeeId })))
    const refused = await sendEvent(newEvent('workorder.produce', wo.id, { qty: 1 }, { employeeId }))
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'workorder_on_hold' } })
    const workorder = carried(refused)
    expect(workorder?.id).toBe(wo.id)
    expect(workorder?.holds.some((h) => h.state === 'held')).toBe(true)
  })

  test('a rejection for a work order that does not exist carries null', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const refused = await sendEvent(newEvent('workorder.start', 2_000_000_000, {}, { employeeId }))
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'workorder_not_found' } })
    expect(carried(refused)).toBeNull()
  })
})

describe('recovery: a resend keeps the place of the event it replaces', () => {
  test('the held quantity, resent after the release, applies before the finish that waited, which keeps its 1', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const supervisorId = await operatorId(ctx, true)
    const holdReason = await reasonId(ctx, 'hold_reasons')
    const wo = await claimWorkOrder(ctx, (w) => isIdle(w) && w.qty_produced === 0, 'idle with nothing reported')
    appliedWorkOrder(await sendEvent(newEvent('workorder.start', wo.id, {}, { employeeId })))
    const held = appliedWorkOrder(await sendEvent(newEvent('quality.hold', wo.id, { reason_id: holdReason }, { employeeId })))
    const holdId = held.holds.find((h) => h.state === 'held')?.id as number
    const produce = newEvent('workorder.produce', wo.id, { qty: 1 }, { employeeId })
    const finish = newEvent('workorder.finish', wo.id, { qty: 1, qty_basis: 'reported' }, { employeeId })
    const refused = await sendEvents([produce, finish])
    expect(refused[0]).toMatchObject({ status: 'rejected', error: { code: 'workorder_on_hold' } })
    expect(refused[1]).toMatchObject({ status: 'retry', error: { code: 'waiting_for_earlier_event' } })
    appliedWorkOrder(await sendEvent(newEvent('quality.release', wo.id, { hold_id: holdId }, { employeeId: supervisorId })))

    const resend = { ...resendOf(produce, supervisorId), correlation_id: `resend-${produce.id.slice(0, 8)}` }
    const results = await sendEvents([resend, finish])

    expect(results.map((r) => r.status)).toEqual(['applied', 'applied'])
    expect(await currentWorkOrder(wo.id)).toMatchObject({ state: 'done', qty_produced: 1 })
    const original = await ledgerEntry(produce.id)
    expect(original).toMatchObject({ status: 'rejected', resolution: 'resent' })
    expect(original.resolved_at).toEqual(expect.any(String))
    const resent = await ledgerEntry(resend.id)
    expect(resent).toMatchObject({ status: 'applied', resend_of: produce.id, correlation_id: resend.correlation_id })
    const done = await ledgerEntry(finish.id)
    expect(Date.parse(done.applied_at as string)).toBeGreaterThanOrEqual(Date.parse(resent.applied_at as string))
  })

  test('resend_of and resolved_by are not content: the same id with other values is a duplicate', async (ctx) => {
    const { produce } = await rejectedProduce(ctx)
    const resend = resendOf(produce, await operatorId(ctx, true), { qty: 1 })
    expect((await sendEvent(resend)).status).toBe('applied')
    expect((await sendEvent({ ...resend, resend_of: null, resolved_by: null })).status).toBe('duplicate')
  })

  test('a resend naming an event that is not a rejected one of this terminal is applied and names nothing resolved', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx, isIdle)
    const start = newEvent('workorder.start', wo.id, {}, { employeeId })
    expect((await sendEvent(start)).status).toBe('applied')
    const stray = { ...newEvent('workorder.pause', wo.id, {}, { employeeId }), resend_of: start.id, resolved_by: null }
    expect((await sendEvent(stray)).status).toBe('applied')
    expect((await ledgerEntry(start.id)).resolution ?? null).toBeNull()
    const unknown = { ...newEvent('workorder.start', wo.id, {}, { employeeId }), resend_of: randomUUID() }
    expect((await sendEvent(unknown)).status).toBe('applied')
  })

  test('resend_of must be a UUID and resolved_by an id up to 2^31-1, else invalid_event naming the field', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx, isIdle)
    const badLink = await sendEvent({ ...newEvent('workorder.start', wo.id, {}, { employeeId }), resend_of: 'not-a-uuid' })
    expect(badLink).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'resend_of' } } })
    const badBy = await sendEvent({ ...newEvent('workorder.start', wo.id, {}, { employeeId }), resend_of: randomUUID(), resolved_by: 2 ** 31 })
    expect(badBy).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'resolved_by' } } })
  })
})

describe('recovery: a supervisor stands behind every discard and resend', () => {
  test('a resend or a discard by an operator who may not supervise is rejected supervisor_required and resolves nothing', async (ctx) => {
    const { employeeId, produce } = await rejectedProduce(ctx)
    await operatorId(ctx, true)
    const resend = await sendEvent(resendOf(produce, employeeId, { qty: 1 }))
    expect(resend).toMatchObject({ status: 'rejected', error: { code: 'supervisor_required', details: { employee_id: employeeId } } })
    const discard = await sendEvent(discardOf(produce, 'not mine to decide', employeeId))
    expect(discard).toMatchObject({ status: 'rejected', error: { code: 'supervisor_required' } })
    expect((await ledgerEntry(produce.id)).resolution ?? null).toBeNull()
  })

  test('naming no supervisor needs an office decision: without one, supervisor_required', async (ctx) => {
    const { produce } = await rejectedProduce(ctx)
    expect(await sendEvent(resendOf(produce, null, { qty: 1 }))).toMatchObject({ status: 'rejected', error: { code: 'supervisor_required' } })
    expect(await sendEvent(discardOf(produce, 'nobody decided', null))).toMatchObject({ status: 'rejected', error: { code: 'supervisor_required' } })
    expect((await ledgerEntry(produce.id)).resolution ?? null).toBeNull()
  })

  test('a supervisor of the terminal may: the resend applies and resolves the original, naming them', async (ctx) => {
    const { produce } = await rejectedProduce(ctx)
    const supervisorId = await operatorId(ctx, true)
    expect((await sendEvent(resendOf(produce, supervisorId, { qty: 1 }))).status).toBe('applied')
    expect(await ledgerEntry(produce.id)).toMatchObject({ resolution: 'resent' })
  })
})

describe('recovery: a resend may correct the time of an event refused for its time', () => {
  const DAY_MS = 24 * 60 * 60_000
  /** Odoo refuses a start dated before the work order was created before it looks at the window: either is about time. */
  const TIME_REFUSALS = ['occurred_too_old', 'occurred_before_workorder']

  test('a start refused as too old, resent with a corrected time, is judged on that time: applied, the original resolved, both times kept', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const supervisorId = await operatorId(ctx, true)
    const wo = await claimWorkOrder(ctx, isIdle)
    const start = newEvent('workorder.start', wo.id, {}, { employeeId, occurredAt: new Date(Date.now() - 9 * DAY_MS).toISOString() })
    const refused = await sendEvent(start)
    expect(refused).toMatchObject({ status: 'rejected', error: { details: { field: 'occurred_at' } } })
    expect(TIME_REFUSALS).toContain('error' in refused ? refused.error.code : null)
    expect((await currentWorkOrder(wo.id))?.is_running).toBe(false)

    const corrected = new Date().toISOString()
    const resent = resendOf(start, supervisorId, start.payload, corrected)
    expect(appliedWorkOrder(await sendEvent(resent))).toMatchObject({ id: wo.id, state: 'progress', is_running: true })

    const original = await ledgerEntry(start.id)
    expect(original).toMatchObject({ status: 'rejected', resolution: 'resent' })
    // Odoo keeps times to the second.
    expect(Math.abs(Date.parse(original.occurred_at ?? '') - Date.parse(start.occurred_at))).toBeLessThan(1_000)
    const row = await ledgerEntry(resent.id)
    expect(row).toMatchObject({ status: 'applied', resend_of: start.id, device_seq: start.device_seq })
    expect(Math.abs(Date.parse(row.occurred_at ?? '') - Date.parse(corrected))).toBeLessThan(1_000)
    expect((await sendEvent(newEvent('workorder.pause', wo.id, {}, { employeeId }))).status).toBe('applied')
  })

  test('a corrected time that is still too old is refused again: the resend is the one left to resolve', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const supervisorId = await operatorId(ctx, true)
    const wo = await claimWorkOrder(ctx, isIdle)
    const start = newEvent('workorder.start', wo.id, {}, { employeeId, occurredAt: new Date(Date.now() - 10 * DAY_MS).toISOString() })
    expect((await sendEvent(start)).status).toBe('rejected')

    const stillOld = resendOf(start, supervisorId, start.payload, new Date(Date.now() - 9 * DAY_MS).toISOString())
    const again = await sendEvent(stillOld)
    expect(again).toMatchObject({ status: 'rejected', error: { details: { field: 'occurred_at' } } })
    expect(TIME_REFUSALS).toContain('error' in again ? again.error.code : null)
    expect(await ledgerEntry(start.id)).toMatchObject({ resolution: 'resent' })
    expect((await ledgerEntry(stillOld.id)).resolution ?? null).toBeNull()
    expect((await currentWorkOrder(wo.id))?.is_running).toBe(false)
  })
})

describe('recovery: event.discard', () => {
  test('a discard resolves the rejected event in its place and releases the event that waited behind it', async (ctx) => {
    const { wo, produce, start } = await rejectedProduce(ctx)
    const discard = discardOf(produce, 'Typed 0 by mistake', await operatorId(ctx, true))

    const results = await sendEvents([discard, start])

    expect(results.map((r) => r.status)).toEqual(['applied', 'applied'])
    expect(carried(results[0])?.id).toBe(wo.id)
    expect(await ledgerEntry(produce.id)).toMatchObject({ status: 'rejected', resolution: 'discarded' })
    expect((await currentWorkOrder(wo.id))?.is_running).toBe(true)
  })

  test('a discard of what is unknown, applied or already resolved is applied and changes nothing', async (ctx) => {
    const { produce } = await rejectedProduce(ctx)
    const employeeId = await operatorId(ctx, true)
    expect((await sendEvent(discardOf(produce, 'first', employeeId))).status).toBe('applied')
    const resolved = await ledgerEntry(produce.id)
    expect((await sendEvent(discardOf(produce, 'second', employeeId))).status).toBe('applied')
    expect(await ledgerEntry(produce.id)).toEqual(resolved)
    expect((await sendEvent(discardOf({ ...produce, id: randomUUID() }, 'unknown', employeeId))).status).toBe('applied')
  })

  test('a discard needs a UUID event_id and a reason of 1 to 200 characters', async (ctx) => {
    const { employeeId, produce } = await rejectedProduce(ctx)
    const noReason = await sendEvent(discardOf(produce, '  ', employeeId))
    expect(noReason).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'payload.reason' } } })
    const long = await sendEvent(discardOf(produce, 'x'.repeat(201), employeeId))
    expect(long).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'payload.reason' } } })
    const badId = await sendEvent({ ...discardOf(produce, 'typo', employeeId), payload: { event_id: 'nope', reason: 'typo' } })
    expect(badId).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'payload.event_id' } } })
    expect((await ledgerEntry(produce.id)).resolution ?? null).toBeNull()
  })
})

describe('recovery: decisions from the office', () => {
  test('GET /decisions lists what the office decided and the tablet has not carried out (none by HTTP alone)', async () => {
    const response = await api.get<DecisionsResponse>('/decisions')
    expect(response.status, response.text).toBe(200)
    expect(Array.isArray(response.body.decisions)).toBe(true)
  })
})
