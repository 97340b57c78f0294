import type { Applier } from '../apply-context.ts'
import { EventRejected } from '../rejection.ts'

/** Releases a hold of the terminal's work centers; only operators with the right to release holds may. */
export const applyRelease: Applier<'quality.release'> = (ctx, event) => {
  const { hold_id, note } = event.payload
  const hold = ctx.holds.get(hold_id)
  if (!hold) throw new EventRejected('hold_unknown', `Hold ${hold_id} does not exist.`, { hold_id })
  if (!ctx.holds.isWithinWorkCenters(hold_id, ctx.terminal.workCenterIds)) {
    throw new EventRejected('hold_forbidden', `Hold ${hold_id} is not on a work order or lot of this terminal's work centers.`, {
      hold_id,
    })
  }
  if (hold.state !== 'held') throw new EventRejected('hold_not_active', `Hold ${hold_id} was already released.`, { hold_id })
  if (!ctx.operator?.canReleaseHolds) {
    throw new EventRejected('release_not_allowed', 'This operator may not release holds: ask a supervisor to sign in.', {
      employee_id: event.employee_id,
    })
  }
  ctx.plant.release(hold_id, event.occurredAtMs, event.employee_id, note ?? null)
  if (hold.lot_id !== null) ctx.changes.touchLot(hold.lot_id)
  const workOrderId = hold.workorder_id ?? hold.origin_workorder_id
  if (workOrderId !== null) ctx.changes.touchWorkOrders([workOrderId])
}
