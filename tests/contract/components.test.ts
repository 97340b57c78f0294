import { describe, expect, test } from 'vitest'
import type { Component, WorkOrder } from '../../src/domain/contract.ts'
import { allWorkOrders, appliedWorkOrder, bootstrap, claimWorkOrder, newEvent, operatorId, sendEvent } from './fixtures.ts'

const isOpen = (wo: WorkOrder) =>
  (wo.state === 'ready' || wo.state === 'progress') && wo.production.state !== 'done' && wo.holds.length === 0

/** An open work order with a component line matching `predicate`, and that line. */
function withComponent(predicate: (c: Component) => boolean) {
  return (wo: WorkOrder) => isOpen(wo) && wo.components.some(predicate)
}

const untrackedRoom = (c: Component) => c.tracking === 'none' && c.qty_required - c.qty_consumed >= 1

describe('work orders: components, availability and consumption rule', () => {
  test('each component line names its move and says what was consumed and what is available', async () => {
    const items = await allWorkOrders()
    const lines = items.flatMap((wo) => wo.components)
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) {
      expect(line).toMatchObject({
        move_id: expect.any(Number),
        lots: expect.any(Array),
        availability: {
          qty_reserved: expect.any(Number),
          qty_available: expect.any(Number),
          is_short: expect.any(Boolean),
        },
      })
      for (const lot of line.lots ?? []) expect(lot).toEqual({ name: expect.any(String), qty: expect.any(Number) })
      const expected = line.availability?.expected_date
      expect(expected === null || !Number.isNaN(Date.parse(expected ?? ''))).toBe(true)
    }
    for (const wo of items) {
      expect(['flexible', 'warning', 'strict']).toContain(wo.consumption)
      expect([null, 'available', 'expected', 'late', 'unavailable']).toContain(wo.components_availability_state)
      if (wo.components_expected_date !== null) expect(Number.isNaN(Date.parse(wo.components_expected_date ?? ''))).toBe(false)
    }
  })
})

describe('events: component.consume', () => {
  test('an untracked component is consumed, corrected back, and a replay changes nothing', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx, withComponent(untrackedRoom), 'with an untracked component left to consume')
    const line = wo.components.find(untrackedRoom) as Component
    const consume = newEvent('component.consume', wo.id, { move_id: line.move_id as number, qty: 1 }, { employeeId })
    const after = appliedWorkOrder(await sendEvent(consume))
    const consumed = after.components.find((c) => c.move_id === line.move_id)
    expect(consumed?.qty_consumed).toBeCloseTo(line.qty_consumed + 1, 5)
    const replay = await sendEvent(consume)
    expect(replay.status).toBe('duplicate')
    expect(appliedWorkOrder(replay).components.find((c) => c.move_id === line.move_id)?.qty_consumed).toBeCloseTo(
      line.qty_consumed + 1,
      5,
    )
    const corrected = appliedWorkOrder(
      await sendEvent(newEvent('component.consume', wo.id, { move_id: line.move_id as number, qty: -1 }, { employeeId })),
    )
    expect(corrected.components.find((c) => c.move_id === line.move_id)?.qty_consumed).toBeCloseTo(line.qty_consumed, 5)
  })

  test('a tracked component needs an existing lot; a line of another work order is refused', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const tracked = (c: Component) => c.tracking === 'lot'
    const wo = await claimWorkOrder(ctx, withComponent(tracked), 'with a lot-tracked component')
    const line = wo.components.find(tracked) as Component
    const moveId = line.move_id as number
    const missing = await sendEvent(newEvent('component.consume', wo.id, { move_id: moveId, qty: 1 }, { employeeId }))
    expect(missing).toMatchObject({ status: 'rejected', error: { code: 'lot_required' } })
    const unknown = await sendEvent(
      newEvent('component.consume', wo.id, { move_id: moveId, qty: 1, lot_name: 'NO-SUCH-LOT-9f3a' }, { employeeId }),
    )
    expect(unknown).toMatchObject({ status: 'rejected', error: { code: 'lot_unknown' } })
    const elsewhere = (await allWorkOrders()).find((other) => other.id !== wo.id && isOpen(other) && other.components.length > 0)
    if (!elsewhere) return
    const foreignMove = elsewhere.components.find((c) => !wo.components.some((own) => own.move_id === c.move_id))?.move_id
    if (foreignMove === undefined) return
    const foreign = await sendEvent(newEvent('component.consume', wo.id, { move_id: foreignMove, qty: 1 }, { employeeId }))
    expect(foreign).toMatchObject({ status: 'rejected', error: { code: 'component_unknown' } })
  })

  test('a quantity of 0 or a missing move is refused', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx, withComponent(untrackedRoom), 'with an untracked component left to consume')
    const line = wo.components.find(untrackedRoom) as Component
    const zero = await sendEvent(newEvent('component.consume', wo.id, { move_id: line.move_id as number, qty: 0 }, { employeeId }))
    expect(zero).toMatchObject({ status: 'rejected', error: { code: 'qty_invalid' } })
    const noMove = await sendEvent({ ...newEvent('component.consume', wo.id, { move_id: 1, qty: 1 }, { employeeId }), payload: { qty: 1 } })
    expect(noMove).toMatchObject({ status: 'rejected', error: { code: 'invalid_event' } })
  })
})

describe('events: production.close', () => {
  test('backorder must be a boolean; with nothing produced the close is refused', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(
      ctx,
      (w) => isOpen(w) && w.qty_produced === 0 && w.production.state === 'confirmed',
      'whose manufacturing order has not started',
    )
    const malformed = await sendEvent({ ...newEvent('production.close', wo.id, { backorder: false }, { employeeId }), payload: {} })
    expect(malformed).toMatchObject({ status: 'rejected', error: { code: 'invalid_event' } })
    const close = await sendEvent(newEvent('production.close', wo.id, { backorder: true }, { employeeId }))
    const allowed = (await bootstrap()).terminal.settings.allow_production_close === true
    expect(close).toMatchObject({ status: 'rejected', error: { code: allowed ? 'qty_invalid' : 'close_not_allowed' } })
  })
})

describe('events: production.close on a made order', () => {
  test('closes the order with what its last operation made; a replay is a duplicate', async (ctx) => {
    if ((await bootstrap()).terminal.settings.allow_production_close !== true) return ctx.skip('this terminal may not close orders')
    const employeeId = await operatorId(ctx)
    const items = await allWorkOrders()
    const first = await claimWorkOrder(
      ctx,
      (wo) =>
        isOpen(wo) &&
        wo.production.state === 'confirmed' &&
        wo.product.tracking === 'none' &&
        items.filter((other) => other.production.id === wo.production.id).every((other) => other.qty_produced === 0) &&
        wo.sequence === Math.min(...items.filter((other) => other.production.id === wo.production.id).map((other) => other.sequence)),
      'starting an untracked order whose operations are all on this terminal',
    )
    const operations = items.filter((wo) => wo.production.id === first.production.id).sort((a, b) => a.sequence - b.sequence)
    for (const op of operations) {
      appliedWorkOrder(await sendEvent(newEvent('workorder.finish', op.id, { qty: op.qty_production }, { employeeId })))
    }
    const last = operations.at(-1) as WorkOrder
    const close = newEvent('production.close', last.id, { backorder: false }, { employeeId })
    const closed = appliedWorkOrder(await sendEvent(close))
    expect(closed.production.state).toBe('done')
    expect(closed.components_availability_state).toBeNull()
    expect((await sendEvent(close)).status).toBe('duplicate')
  })
})
