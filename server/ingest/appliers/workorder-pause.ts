import type { Applier } from '../apply-context.ts'
import { assertClosesAfterStart } from '../time-bounds.ts'
import { EventRejected } from '../rejection.ts'
import { assertClosesOverNoOtherLine } from '../operator-lines.ts'

/**
 * Closes the running timer at occurred_at (Odoo's button_pending): state stays progress, duration kept.
 * Without a running timer (already paused, or finished meanwhile) it changes nothing and still applies.
 */
export const applyPause: Applier<'workorder.pause'> = (ctx, event) => {
  const wo = ctx.workOrder
  const reasonId = event.payload.loss_reason_id
  const reason = reasonId === undefined ? undefined : ctx.plant.lossReason(reasonId)
  if (reasonId !== undefined && !reason) {
    throw new EventRejected('reason_unknown', `Loss reason ${reasonId} does not exist: pick a reason from the list.`, {
      loss_reason_id: reasonId,
    })
  }
  if (!ctx.plant.hasOpenTimer(wo.id)) return
  assertClosesAfterStart(event.occurredAtMs, ctx.plant.openTimersSince(wo.id))
  assertClosesOverNoOtherLine(ctx, event.employee_id, event.occurredAtMs)
  ctx.plant.closeTimers(wo.id, event.occurredAtMs, reason?.name ?? null)
  ctx.changes.touchWorkOrders([wo.id])
}
