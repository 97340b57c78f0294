import { describe, expect, it } from 'vitest'
import type { TerminalEvent } from '../../../src/domain/contract'
import {
  advanceProduction,
  applyEventToWorkCenter,
  applyEventToWorkOrder,
  replayPending,
  UNCONFIRMED_LOT_ID,
  type EffectContext,
} from '../../../src/domain/effects'
import { workOrder } from '../sync/fixtures'

const ctx: EffectContext = { holdReasons: new Map([[3, 'Dimension out of tolerance']]) }
let seq = 0

function event<T extends TerminalEvent['type']>(type: T, payload: Extract<TerminalEvent, { type: T }>['payload'], workorderId = 1): TerminalEvent {
  seq++
  return {
    id: `id-${seq}`,
    type,
    workorder_id: workorderId,
    occurred_at: `2026-11-23T08:0${seq % 10}:00.000+01:00`,
    device_seq: seq,
    employee_id: 8,
    payload,
  } as TerminalEvent
}

describe('applyEventToWorkOrder', () => {
  it('start opens the timer and keeps the first start date', () => {
    const started = applyEventToWorkOrder(workOrder(1), event('workorder.start', {}), ctx)
    expect(started).toMatchObject({ state: 'progress', is_running: true, date_start: started.date_start })
    const again = applyEventToWorkOrder({ ...started, is_running: false }, event('workorder.start', {}), ctx)
    expect(again.date_start).toBe(started.date_start)
  })

  it('pause stops the timer and keeps the state, as Odoo does', () => {
    const paused = applyEventToWorkOrder(workOrder(1, { state: 'progress', is_running: true }), event('workorder.pause', {}), ctx)
    expect(paused).toMatchObject({ state: 'progress', is_running: false })
  })

  it('pause on a stopped work order changes nothing (the server answers applied, a no-op)', () => {
    const wo = workOrder(1, { state: 'progress' })
    expect(applyEventToWorkOrder(wo, event('workorder.pause', {}), ctx)).toBe(wo)
  })

  it('produce adds the quantity and the produced lot once', () => {
    const once = applyEventToWorkOrder(workOrder(1, { qty_produced: 2 }), event('workorder.produce', { qty: 3, lot_name: 'L1' }), ctx)
    const twice = applyEventToWorkOrder(once, event('workorder.produce', { qty: 1, lot_name: 'L1' }), ctx)
    expect(twice.qty_produced).toBe(6)
    expect(twice.lots_producing).toEqual([{ id: UNCONFIRMED_LOT_ID, name: 'L1' }])
  })

  it('finish closes the work order at occurred_at with the quantity the operator confirmed, never a fallback', () => {
    const e = event('workorder.finish', { qty: 9 })
    const done = applyEventToWorkOrder(workOrder(1, { state: 'progress', is_running: true, qty_produced: 4 }), e, ctx)
    expect(done).toMatchObject({ state: 'done', is_running: false, qty_produced: 9, date_finished: e.occurred_at })
    const reported = event('workorder.finish', { qty: 4, qty_basis: 'reported' })
    expect(applyEventToWorkOrder(workOrder(1, { qty_produced: 4, qty_producing: 6 }), reported, ctx).qty_produced).toBe(4)
  })

  it('start sets what is being produced to what remains; produce sets it to what the operation made, as the server does', () => {
    const started = applyEventToWorkOrder(workOrder(1, { qty_produced: 3 }), event('workorder.start', {}), ctx)
    expect(started.qty_producing).toBe(7)
    expect(applyEventToWorkOrder(started, event('workorder.produce', { qty: 2 }), ctx).qty_producing).toBe(5)
    const fresh = applyEventToWorkOrder(workOrder(1), event('workorder.start', {}), ctx)
    expect(fresh.qty_producing).toBe(10)
    expect(applyEventToWorkOrder(fresh, event('workorder.produce', { qty: 2 }), ctx).qty_producing).toBe(2)
  })

  it('hold adds a held hold with its reason name and blocks; release removes it and unblocks', () => {
    const e = event('quality.hold', { reason_id: 3, note: 'burr' })
    const held = applyEventToWorkOrder(workOrder(1), e, ctx)
    expect(held.is_blocked).toBe(true)
    expect(held.holds).toEqual([
      { id: -e.device_seq, lot_name: null, workorder_id: 1, reason: 'Dimension out of tolerance', state: 'held', note: 'burr' },
    ])
    const released = applyEventToWorkOrder(held, event('quality.release', { hold_id: -e.device_seq }), ctx)
    expect(released).toMatchObject({ holds: [], is_blocked: false })
  })

  it('a lot hold names the lot, not the work order', () => {
    const held = applyEventToWorkOrder(workOrder(1), event('quality.hold', { reason_id: 3, lot_name: 'LOT-7' }), ctx)
    expect(held.holds[0]).toMatchObject({ lot_name: 'LOT-7', workorder_id: null })
  })

  it('downtime stops the timer and blocks; its end unblocks unless a hold remains', () => {
    const hold = { id: 4, lot_name: null, workorder_id: 1, reason: 'Dim', state: 'held' as const, note: null }
    const down = applyEventToWorkOrder(workOrder(1, { is_running: true, holds: [hold] }), event('downtime.start', { loss_reason_id: 2 }), ctx)
    expect(down).toMatchObject({ is_running: false, is_blocked: true })
    expect(applyEventToWorkOrder(down, event('downtime.end', {}), ctx).is_blocked).toBe(true)
    expect(applyEventToWorkOrder({ ...down, holds: [] }, event('downtime.end', {}), ctx).is_blocked).toBe(false)
  })

  it('scrap leaves the work order as it is', () => {
    const wo = workOrder(1)
    expect(applyEventToWorkOrder(wo, event('scrap.record', { product_id: 7, qty: 1 }), ctx)).toBe(wo)
  })

  it('never mutates its input', () => {
    const wo = Object.freeze(workOrder(1))
    expect(() => applyEventToWorkOrder(wo, event('workorder.produce', { qty: 1, lot_name: 'L' }), ctx)).not.toThrow()
    expect(wo.qty_produced).toBe(0)
  })
})

describe('applyEventToWorkCenter', () => {
  it('opens and closes the downtime; other events leave the work center alone', () => {
    const wc = { id: 1, name: 'ASM1', code: 'ASM1', is_blocked: false, open_downtime: null }
    const start = event('downtime.start', { loss_reason_id: 2 })
    const down = applyEventToWorkCenter(wc, start)
    expect(down).toEqual({ ...wc, is_blocked: true, open_downtime: { loss_reason_id: 2, since: start.occurred_at } })
    expect(applyEventToWorkCenter(down, event('downtime.end', {}))).toEqual(wc)
    expect(applyEventToWorkCenter(wc, event('workorder.start', {}))).toBe(wc)
  })
})

describe('replayPending', () => {
  it('applies pending events oldest first over the server copy', () => {
    const server = workOrder(1, { qty_produced: 5 })
    const view = replayPending(server, [event('workorder.start', {}), event('workorder.produce', { qty: 2 })], ctx)
    expect(view).toMatchObject({ state: 'progress', qty_produced: 7 })
    expect(server.qty_produced).toBe(5)
  })
})

describe('advanceProduction', () => {
  it('readies the first blocked operation with nothing unfinished before it, like the server', () => {
    const second = workOrder(2, { sequence: 20, state: 'blocked' })
    const ops = [workOrder(1, { sequence: 10, state: 'done' }), second, workOrder(3, { sequence: 30, state: 'blocked' })]
    expect(advanceProduction(ops).map((o) => [o.id, o.state])).toEqual([[2, 'ready']])
    expect(advanceProduction([workOrder(1, { sequence: 10, state: 'progress' }), second])).toEqual([])
  })
})
