import type { Applier } from '../apply-context.ts'
import { assertPositive } from '../guards.ts'
import { EventRejected } from '../rejection.ts'

/**
 * Records a done scrap linked to the work order and its manufacturing order. It scraps even when stock is
 * short: a part scrapped on the floor is a fact. Nothing a terminal shows changes.
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
