import { describe, expect, it } from 'vitest'
import { consumeOnLine, consumptionForProduce, lineForScan, qtyStillNeeded, shortageOf } from '../../../src/domain/components'
import type { Component, WorkOrder } from '../../../src/domain/contract'
import { applyEventToWorkOrder, replayPending } from '../../../src/domain/effects'
import { ActionRefusedError } from '../../../src/domain/refusals'
import { validateAction, type ActionFacts } from '../../../src/domain/rules'
import type { RecordAction } from '../../../src/domain/actions'
import { bootstrap, workOrder } from '../sync/fixtures'

const plywood: Component = {
  move_id: 41,
  product: { id: 20, display_name: 'Plywood Sheet 18 mm', barcode: '4006381000017', tracking: 'lot', uom: 'Units' },
  qty_required: 5,
  qty_consumed: 2,
  tracking: 'lot',
  lots: [{ name: 'PLY-A', qty: 2 }],
  availability: { qty_reserved: 3, qty_available: 3, expected_date: null, is_short: false },
}
const screws: Component = {
  move_id: 42,
  product: { id: 21, display_name: 'Wood Screw 4x30', barcode: null, tracking: 'none', uom: 'Units' },
  qty_required: 80,
  qty_consumed: 0,
  tracking: 'none',
  lots: [],
  availability: { qty_reserved: 0, qty_available: 30, expected_date: null, is_short: true },
}
const wo = workOrder(1, { state: 'progress', components: [plywood, screws], consumption: 'strict' })
const ctx = { holdReasons: new Map<number, string>() }
const boot = bootstrap()

function consume(payload: { move_id: number; qty: number; lot_name?: string }) {
  return {
    id: 'e1',
    type: 'component.consume' as const,
    workorder_id: 1,
    occurred_at: '2026-11-23T08:00:00Z',
    device_seq: 1,
    employee_id: 1,
    payload,
  }
}

describe('component lines', () => {
  it('what a line still needs never goes below zero', () => {
    expect(qtyStillNeeded(plywood)).toBe(3)
    expect(qtyStillNeeded({ ...plywood, qty_consumed: 7 })).toBe(0)
  })

  it('consuming adds to the lot, a correction to zero drops it, a new lot joins in name order', () => {
    expect(consumeOnLine(plywood, 1.5, 'PLY-A')).toMatchObject({ qty_consumed: 3.5, lots: [{ name: 'PLY-A', qty: 3.5 }] })
    expect(consumeOnLine(plywood, -2, 'PLY-A')).toMatchObject({ qty_consumed: 0, lots: [] })
    expect(consumeOnLine(plywood, 1, 'PLY-0').lots).toEqual([
      { name: 'PLY-0', qty: 1 },
      { name: 'PLY-A', qty: 2 },
    ])
    expect(consumeOnLine(screws, 0.1 + 0.2, undefined).qty_consumed).toBe(0.3)
  })

  it('a scanned lot goes to the tracked line of its product, or to the only tracked line still open', () => {
    expect(lineForScan(wo, 20)?.move_id).toBe(41)
    expect(lineForScan(wo, 99)).toBeUndefined()
    expect(lineForScan(wo, undefined)?.move_id).toBe(41)
    expect(lineForScan(workOrder(2, { components: [screws] }), undefined)).toBeUndefined()
  })

  it('shortage: the expected date when Odoo has one, else the short components, else nothing', () => {
    expect(shortageOf(wo)).toEqual({ kind: 'short', products: ['Wood Screw 4x30'] })
    expect(shortageOf({ ...wo, components_availability_state: 'late', components_expected_date: '2026-11-28T00:00:00Z' })).toEqual({
      kind: 'late',
      expected: '2026-11-28T00:00:00Z',
    })
    expect(shortageOf(workOrder(3, { components: [plywood], components_availability_state: 'available' }))).toBeNull()
    expect(shortageOf(workOrder(3, { components_availability_state: 'unavailable' }))).toEqual({ kind: 'short', products: [] })
  })
})

describe('optimistic effects', () => {
  it('a consumption shows on its line at once and again over fresh server data', () => {
    const event = consume({ move_id: 41, qty: 1, lot_name: 'PLY-B' })
    const after = applyEventToWorkOrder(wo, event, ctx)
    expect(after.components[0]).toMatchObject({ qty_consumed: 3, lots: [{ name: 'PLY-A', qty: 2 }, { name: 'PLY-B', qty: 1 }] })
    expect(after.components[1]).toBe(screws)
    const fresh = { ...wo, components: [{ ...plywood, qty_consumed: 2.5, lots: [{ name: 'PLY-A', qty: 2.5 }] }, screws] }
    expect(replayPending(fresh, [event], ctx).components[0]?.qty_consumed).toBe(3.5)
  })

  it('closing production marks the order and the operation done and clears the shortage', () => {
    const closed = applyEventToWorkOrder(
      { ...wo, components_availability_state: 'late', components_expected_date: '2026-11-28T00:00:00Z' },
      { ...consume({ move_id: 41, qty: 1 }), type: 'production.close', payload: { backorder: true } },
      ctx,
    )
    expect(closed).toMatchObject({ state: 'done', is_running: false, production: { state: 'done' }, components_availability_state: null })
  })
})

describe('rules', () => {
  const facts = (w: WorkOrder, settings = boot.terminal.settings): ActionFacts => ({
    workOrder: w,
    workCenter: boot.work_centers[0],
    operator: boot.operators[0] ?? null,
    settings,
    reason: undefined,
    product: undefined,
    serialProducedBefore: false,
  })
  const refusal = (action: RecordAction, f: ActionFacts): string | null => {
    try {
      validateAction(action, f)
      return null
    } catch (e) {
      if (e instanceof ActionRefusedError) return e.reason
      throw e
    }
  }
  const consumeAction = (payload: { move_id: number; qty: number; lot_name?: string }): RecordAction => ({
    type: 'component.consume',
    workorderId: 1,
    payload,
  })

  it.each([
    ['a lot of a tracked line', { move_id: 41, qty: 3, lot_name: 'PLY-B' }, null],
    ['a tracked line without lot', { move_id: 41, qty: 1 }, 'lot_required'],
    ['a line of another work order', { move_id: 99, qty: 1 }, 'component_unknown'],
    ['zero', { move_id: 42, qty: 0 }, 'qty_invalid'],
    ['more than a strict bill of materials allows', { move_id: 41, qty: 3.5, lot_name: 'PLY-A' }, 'consumption_exceeded'],
    ['giving back what was recorded', { move_id: 41, qty: -2, lot_name: 'PLY-A' }, null],
    ['giving back more than was recorded of a lot', { move_id: 41, qty: -2.5, lot_name: 'PLY-A' }, 'qty_invalid'],
  ] as const)('consume: %s', (_title, payload, expected) => {
    expect(refusal(consumeAction({ ...payload }), facts(wo))).toBe(expected)
  })

  it('consuming on a closed order is refused', () => {
    const closed = { ...wo, production: { ...wo.production, state: 'done' } }
    expect(refusal(consumeAction({ move_id: 42, qty: 1 }), facts(closed))).toBe('workorder_closed')
  })

  it('closing needs the setting and something produced; a closed order closes again as a no-op', () => {
    const close: RecordAction = { type: 'production.close', workorderId: 1, payload: { backorder: false } }
    const allowed = { ...boot.terminal.settings, allow_production_close: true }
    expect(refusal(close, facts({ ...wo, qty_produced: 4 }))).toBe('close_not_allowed')
    expect(refusal(close, facts(wo, allowed))).toBe('qty_invalid')
    expect(refusal(close, facts({ ...wo, qty_produced: 4 }, allowed))).toBeNull()
    expect(refusal(close, facts({ ...wo, production: { ...wo.production, state: 'done' } }, allowed))).toBeNull()
  })
})

describe('what a produce implies for the components', () => {
  it('untracked ones in proportion (never beyond what is still needed); tracked ones without lots are named', () => {
    const produce = consumptionForProduce({ ...wo, components: [{ ...plywood, lots: [] }, screws] }, 2)
    expect(produce.proportional).toEqual([{ product: screws.product, qty: 16 }])
    expect(produce.lotsMissing).toEqual([plywood.product])
    expect(consumptionForProduce(wo, 2).lotsMissing).toEqual([])
    expect(consumptionForProduce(wo, 0)).toEqual({ proportional: [], lotsMissing: [] })
    expect(consumptionForProduce({ ...wo, components: [{ ...screws, qty_consumed: 79 }] }, 5).proportional[0]?.qty).toBe(1)
  })
})
