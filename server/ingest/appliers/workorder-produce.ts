import type { Applier } from '../apply-context.ts'
import { assertNotHeld, assertOpen, assertPositive, assertWithinTolerance, producedLot } from '../guards.ts'
import { orderQuantity } from '../order-quantity.ts'

/**
 * Adds produced units to the operation (into a lot or serial for tracked products) and sets the order's
 * quantity producing to what it makes now, which the component lines follow (Odoo's "Quantity Producing",
 * `mrp.workorder._set_qty_producing`).
 */
export const applyProduce: Applier<'workorder.produce'> = (ctx, event) => {
  const wo = ctx.workOrder
  const { qty, lot_name } = event.payload
  assertOpen(wo)
  assertNotHeld(ctx)
  assertPositive(qty)
  const total = wo.qty_produced + qty
  assertWithinTolerance(ctx, total)
  const lot = producedLot(ctx, lot_name, qty, event.occurredAtMs)
  ctx.plant.addProduced(wo, qty)
  const orderQty = orderQuantity(ctx.plant.operations(wo.production_id), wo.id, total)
  if (orderQty !== wo.qty_producing) ctx.plant.setOrderQuantity(wo.production_id, orderQty)
  // Every operation shows the order's quantity and lots: a change to either changes them all.
  const lotAdded = lot !== null && ctx.plant.linkLot(wo.production_id, lot.id)
  if (lotAdded || orderQty !== wo.qty_producing) ctx.changes.touchProduction(wo.production_id)
  else ctx.changes.touchWorkOrders([wo.id])
}
