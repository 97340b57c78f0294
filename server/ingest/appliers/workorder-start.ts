import type { Applier } from '../apply-context.ts'
import { assertOpen, assertWorkCenterUpAt } from '../guards.ts'
import { switchOperatorLines } from '../operator-lines.ts'

/**
 * Opens a timer from occurred_at (Odoo's button_start); a running work order stays as it is. An operation
 * still waiting for an earlier one (`blocked`) starts too, as Odoo's Start button starts it. Whether the
 * work center was down is judged at occurred_at.
 */
export const applyStart: Applier<'workorder.start'> = (ctx, event) => {
  const wo = ctx.workOrder
  assertOpen(wo)
  if (ctx.plant.hasOpenTimer(wo.id)) return
  const downSince = assertWorkCenterUpAt(ctx, event.occurredAtMs)
  switchOperatorLines(ctx, event.employee_id, event.occurredAtMs)
  const productionChanged = ctx.plant.markStarted(wo, event.occurredAtMs)
  ctx.plant.openLine({
    workCenterId: wo.work_center_id,
    workOrderId: wo.id,
    employeeId: event.employee_id,
    lossReasonId: null,
    lossType: 'productive',
    at: event.occurredAtMs,
    description: null,
  })
  // Started before the downtime now open: that downtime stopped the timer when it began (Odoo's button_block).
  if (downSince !== undefined) ctx.plant.closeTimers(wo.id, downSince)
  if (productionChanged) ctx.changes.touchProduction(wo.production_id)
  else ctx.changes.touchWorkOrders([wo.id])
}
