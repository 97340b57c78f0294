import type { Applier } from '../apply-context.ts'
import { assertNotHeld, assertNotWaiting, assertOpen, assertWithinTolerance, producedLot } from '../guards.ts'
import { EventRejected } from '../rejection.ts'

/**
 * Finishes the work order at occurred_at (Odoo's button_finish): timers closed, state done, the final
 * quantity set when given (the part above what was reported goes into `lot_name` for tracked products),
 * and the next operation of the manufacturing order becomes ready.
 */
export const applyFinish: Applier<'workorder.finish'> = (ctx, event) => {
  const wo = ctx.workOrder
  assertOpen(wo)
  assertNotWaiting(wo)
  assertNotHeld(ctx)
  const final = event.payload.qty ?? wo.qty_produced
  if (final < 0) {
    throw new EventRejected('qty_invalid', `Final quantity ${final} is not valid: enter 0 or more.`, { qty: final })
  }
  assertWithinTolerance(ctx, final)
  const added = final - wo.qty_produced
  if (added > 0) {
    const lot = producedLot(ctx, event.payload.lot_name, added, event.occurredAtMs)
    if (lot) ctx.plant.linkLot(wo.id, lot.id, added)
  }
  ctx.plant.closeTimers(wo.id, event.occurredAtMs)
  ctx.plant.finish(wo, final, event.occurredAtMs)
  ctx.plant.advanceProduction(wo.production_id)
  ctx.changes.touchProduction(wo.production_id)
}
