import type { Applier } from '../apply-context.ts'
import { assertNotHeld, assertOpen, assertSerialCount, assertWithinTolerance, assertWorkCenterUpAt, producedLot } from '../guards.ts'
import { assertClosesAfterStart } from '../time-bounds.ts'
import { EventRejected } from '../rejection.ts'
import { assertClosesOverNoOtherLine } from '../operator-lines.ts'

/**
 * Finishes the work order at occurred_at as Odoo's Done does (`action_mark_as_done`): the order's quantity
 * producing set to the `qty` the operator confirmed (the component lines follow it), timers closed, state
 * done with that final quantity (the part above what was reported goes into `lot_name` for tracked
 * products), the expected duration logged when no time was, and the next operation becomes ready. Odoo's own fallback
 * (`qty_produced or qty_producing or qty_production`) is never substituted: when the planned quantity is
 * wanted, the operator chose it on screen and the event says so (`qty_basis: planned`, kept in the ledger).
 * 0 is refused: finishing with nothing made is a cancellation, a supervisor's decision in Odoo.
 * Refused when the work center was down at occurred_at, as Odoo's action_mark_as_done refuses it while down.
 */
export const applyFinish: Applier<'workorder.finish'> = (ctx, event) => {
  const wo = ctx.workOrder
  assertOpen(wo)
  assertWorkCenterUpAt(ctx, event.occurredAtMs)
  assertNotHeld(ctx)
  const final = event.payload.qty
  if (!(final > 0)) {
    throw new EventRejected('qty_invalid', `Final quantity ${final} is not valid: enter the quantity made (more than 0).`, {
      qty: final,
    })
  }
  assertWithinTolerance(ctx, final)
  if (wo.tracking === 'serial') assertSerialCount(ctx, final, event.payload.lot_name)
  assertClosesAfterStart(event.occurredAtMs, ctx.plant.openTimersSince(wo.id))
  assertClosesOverNoOtherLine(ctx, event.employee_id, event.occurredAtMs)
  const added = final - wo.qty_produced
  if (added > 0) {
    const lot = producedLot(ctx, event.payload.lot_name, added, event.occurredAtMs)
    if (lot) ctx.plant.linkLot(wo.production_id, lot.id)
  }
  ctx.plant.setOrderQuantity(wo.production_id, final)
  ctx.plant.closeTimers(wo.id, event.occurredAtMs)
  ctx.plant.logExpectedDurationIfNone(wo, event.employee_id, event.occurredAtMs)
  ctx.plant.finish(wo, final, event.occurredAtMs)
  ctx.plant.advanceProduction(wo.production_id)
  ctx.changes.touchProduction(wo.production_id)
}
