import { describe, expect, test } from 'vitest'
import type { WorkOrder } from '../../src/domain/contract.ts'
import { appliedWorkOrder, claimWorkOrder, isIdle, newEvent, operatorId, sendEvent } from './fixtures.ts'

/** Untracked component lines produce moves by itself (none consumed by hand). */
function followingLines(wo: WorkOrder) {
  return wo.components.filter((c) => c.tracking === 'none' && (c.lots ?? []).length === 0)
}

describe("produce and finish move what Odoo's quantity producing and Done move", () => {
  test("produce sets the order's quantity producing to what was made, and the components follow it", async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(
      ctx,
      (w) => isIdle(w) && w.qty_produced === 0 && w.qty_producing === 0 && followingLines(w).length > 0,
      'idle, untracked, with components, that nothing was reported on',
    )
    const produced = appliedWorkOrder(await sendEvent(newEvent('workorder.produce', wo.id, { qty: 1 }, { employeeId })))
    expect(produced.qty_produced).toBe(1)
    // at least what this operation made; more when another operation of the order made more
    expect(produced.qty_producing).toBeGreaterThanOrEqual(1)
    for (const line of followingLines(produced)) {
      expect(line.qty_consumed, line.product.display_name).toBeCloseTo((produced.qty_producing * line.qty_required) / wo.qty_production, 3)
    }
    const finished = appliedWorkOrder(await sendEvent(newEvent('workorder.finish', wo.id, { qty: 2 }, { employeeId })))
    expect(finished).toMatchObject({ state: 'done', qty_produced: 2, qty_producing: 2 })
    for (const line of followingLines(finished)) {
      expect(line.qty_consumed, line.product.display_name).toBeCloseTo((2 * line.qty_required) / wo.qty_production, 3)
    }
  })

  test("a finish with no time logged logs the expected duration, as Odoo's Done does", async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(
      ctx,
      (w) => isIdle(w) && w.duration === 0 && w.duration_expected > 0,
      'idle, untracked, with an expected duration and no time logged',
    )
    const finished = appliedWorkOrder(
      await sendEvent(newEvent('workorder.finish', wo.id, { qty: wo.qty_production, qty_basis: 'planned' }, { employeeId })),
    )
    expect(finished.state).toBe('done')
    expect(finished.duration).toBeGreaterThan(0)
    expect(finished.duration).toBeCloseTo(finished.duration_expected, 1)
  })
})
