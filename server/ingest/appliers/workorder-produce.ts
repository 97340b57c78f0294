import type { Applier } from '../apply-context.ts'
import { assertNotHeld, assertOpen, assertPositive, assertWithinTolerance, producedLot } from '../guards.ts'

/** Adds produced units (into a lot or serial for tracked products). */
export const applyProduce: Applier<'workorder.produce'> = (ctx, event) => {
  const wo = ctx.workOrder
  const { qty, lot_name } = event.payload
  assertOpen(wo)
  assertNotHeld(ctx)
  assertPositive(qty)
  assertWithinTolerance(ctx, wo.qty_produced + qty)
  const lot = producedLot(ctx, lot_name, qty, event.occurredAtMs)
  ctx.plant.addProduced(wo, qty)
  // Every operation of the order shows its lots: a lot new to the order changes them all.
  if (lot && ctx.plant.linkLot(wo.production_id, lot.id)) ctx.changes.touchProduction(wo.production_id)
  else ctx.changes.touchWorkOrders([wo.id])
}
