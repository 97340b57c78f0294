import type { Applier } from '../apply-context.ts'
import { assertNotWaiting, assertOpen } from '../guards.ts'
import { EventRejected } from '../rejection.ts'

/** Opens a timer from occurred_at (Odoo's button_start); a running work order stays as it is. */
export const applyStart: Applier<'workorder.start'> = (ctx, event) => {
  const wo = ctx.workOrder
  assertOpen(wo)
  if (ctx.plant.hasOpenTimer(wo.id)) return
  if (ctx.plant.openDowntimeId(wo.work_center_id) !== undefined) {
    throw new EventRejected('workcenter_down', 'The work center is stopped by a downtime: end the downtime first.', {
      work_center_id: wo.work_center_id,
    })
  }
  assertNotWaiting(wo)
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
  if (productionChanged) ctx.changes.touchProduction(wo.production_id)
  else ctx.changes.touchWorkOrders([wo.id])
}
