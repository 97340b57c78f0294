import type { Applier } from '../apply-context.ts'
import { assertPositive, QTY_EPSILON } from '../guards.ts'
import { EventRejected } from '../rejection.ts'

/** The most one scrap may take, as a multiple of the MO's quantity of that product (Odoo: a terminal setting). */
export const SCRAP_CAP_RATIO = 1

/**
 * Records a done scrap linked to the work order and its manufacturing order. It scraps even when stock is
 * short: a part scrapped on the floor is a fact. As Odoo's Scrap button on a manufacturing order, it takes only
 * the order's product and components, at most the order's quantity of that product. Nothing a terminal shows
 * changes.
 */
export const applyScrap: Applier<'scrap.record'> = (ctx, event) => {
  const wo = ctx.workOrder
  const { product_id, qty, lot_name, reason_id, note } = event.payload
  if (wo.state === 'cancel') {
    throw new EventRejected('workorder_closed', `Work order ${wo.id} is cancelled: scrap on another work order.`)
  }
  assertPositive(qty)
  const product = ctx.plant.product(product_id)
  if (!product) {
    throw new EventRejected('product_unknown', `Product ${product_id} does not exist: pick the scrapped product again.`, {
      product_id,
    })
  }
  const orderQty = ctx.plant.orderQtyOf(wo.production_id, product_id)
  if (orderQty === undefined) {
    throw new EventRejected(
      'product_forbidden',
      `Product ${product_id} is neither made nor consumed by this manufacturing order: scrap it where it is used.`,
      { product_id },
    )
  }
  const cap = orderQty * SCRAP_CAP_RATIO
  if (qty > cap + QTY_EPSILON) {
    throw new EventRejected('scrap_over_cap', `At most ${cap} of this product can be scrapped on this order at once.`, {
      qty,
      max_qty: cap,
    })
  }
  if (reason_id !== undefined && !ctx.plant.scrapReasonExists(reason_id)) {
    throw new EventRejected('reason_unknown', `Scrap reason ${reason_id} does not exist: pick a reason from the list.`, {
      reason_id,
    })
  }
  let lotId: number | null = null
  if (product.tracking !== 'none') {
    if (lot_name === undefined) {
      throw new EventRejected('lot_required', `The product is tracked by ${product.tracking}: scan the scrapped ${product.tracking}.`)
    }
    const lot = ctx.lots.find(product_id, lot_name)
    if (!lot) {
      throw new EventRejected('lot_unknown', `Lot ${lot_name} of this product does not exist: check the scan.`, { lot_name })
    }
    lotId = lot.id
  }
  ctx.plant.recordScrap({
    wo,
    productId: product_id,
    lotId,
    qty,
    reasonId: reason_id ?? null,
    note: note ?? null,
    at: event.occurredAtMs,
    eventId: event.id,
  })
}
