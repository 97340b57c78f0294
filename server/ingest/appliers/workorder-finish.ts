import type { Applier } from '../apply-context.ts'
import { assertNotHeld, assertOpen, assertWithinTolerance, producedLot } from '../guards.ts'
import { assertClosesAfterStart } from '../event-time.ts'
import { EventRejected } from '../rejection.ts'

/**
 * Finishes the work order at occurred_at (Odoo's button_finish): timers closed, state done, the final
 * quantity set when given, else Odoo's `qty_produced or qty_producing or qty_production` (the part above
 * what was reported goes into `lot_name` for tracked products), and the next operation becomes ready.
 * An explicit 0 is refused: finishing with nothing made is a cancellation, a supervisor's decision in Odoo.
 */
export const applyFinish: Applier<'workorder.finish'> = (ctx, event) => {
  const wo = ctx.workOrder
  assertOpen(wo)
  assertNotHeld(ctx)
  const final = event.payload.qty ?? (wo.qty_produced || wo.qty_producing || wo.qty_production)
  if (!(final > 0)) {
    throw new EventRejected('qty_invalid', `Final quantity ${final} is not valid: enter the quantity made (more than 0).`, {
      qty: final,
    })
  }
  assertWithinTolerance(ctx, final)
  assertClosesAfterStart(event.occurredAtMs, ctx.plant.openTimersSince(wo.id))
  const added = final - wo.qty_produced
  if (added > 0) {
    const lot = producedLot(ctx, event.payload.lot_name, added, event.occurredAtMs)
    if (lot) ctx.plant.linkLot(wo.production_id, lot.id)
  }
  ctx.plant.closeTimers(wo.id, event.occurredAtMs)
  ctx.plant.finish(wo, final, event.occurredAtMs)
  ctx.plant.advanceProduction(wo.production_id)
  ctx.changes.touchProduction(wo.production_id)
}
