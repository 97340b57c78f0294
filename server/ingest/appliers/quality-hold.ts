import type { Applier } from '../apply-context.ts'
import { EventRejected } from '../rejection.ts'

/** Puts a lot (the work order's product or one of its components) or, without a lot, the work order on hold. */
export const applyHold: Applier<'quality.hold'> = (ctx, event) => {
  const wo = ctx.workOrder
  const { lot_name, reason_id, note } = event.payload
  if (!ctx.plant.holdReasonExists(reason_id)) {
    throw new EventRejected('reason_unknown', `Hold reason ${reason_id} does not exist: pick a reason from the list.`, {
      reason_id,
    })
  }
  let lotId: number | null = null
  if (lot_name !== undefined) {
    const lot = ctx.lots.findPreferring(lot_name, [wo.product_id, ...ctx.plant.componentProductIds(wo.id)])
    if (!lot) throw new EventRejected('lot_unknown', `Lot ${lot_name} does not exist: check the scan.`, { lot_name })
    lotId = lot.id
  }
  ctx.plant.hold({ lotId, wo, reasonId: reason_id, note: note ?? null, at: event.occurredAtMs, employeeId: event.employee_id })
  if (lotId === null) ctx.changes.touchWorkOrders([wo.id])
  else ctx.changes.touchLot(lotId)
}
