import type { Applier } from '../apply-context.ts'
import { EventRejected } from '../rejection.ts'

/**
 * Stops the work order's work center from occurred_at with a loss (Odoo's productivity line + button_block):
 * running timers on that work center close, and nothing starts there until the downtime ends.
 */
export const applyDowntimeStart: Applier<'downtime.start'> = (ctx, event) => {
  const wo = ctx.workOrder
  const { loss_reason_id, note } = event.payload
  const reason = ctx.plant.lossReason(loss_reason_id)
  if (!reason || reason.loss_type === 'productive') {
    throw new EventRejected('reason_unknown', `Loss reason ${loss_reason_id} is not a downtime reason: pick one from the list.`, {
      loss_reason_id,
    })
  }
  if (ctx.plant.openDowntimeId(wo.work_center_id) !== undefined) {
    throw new EventRejected('downtime_already_open', 'The work center is already stopped: end that downtime first.', {
      work_center_id: wo.work_center_id,
    })
  }
  ctx.plant.closeWorkCenterTimers(wo.work_center_id, event.occurredAtMs)
  ctx.plant.openLine({
    workCenterId: wo.work_center_id,
    workOrderId: wo.id,
    employeeId: event.employee_id,
    lossReasonId: reason.id,
    lossType: reason.loss_type,
    at: event.occurredAtMs,
    description: note ?? null,
  })
  ctx.changes.touchWorkCenter(wo.work_center_id)
}
