import type { ApplyContext, Applier } from '../apply-context.ts'
import type { ComponentRecord } from '../../db/components.ts'
import type { LotRecord } from '../../db/lots.ts'
import { EventRejected } from '../rejection.ts'

/** Rounding slack when comparing quantities that went through floating point. */
const QTY_EPSILON = 1e-9

/**
 * Records a component lot consumed on the work order's component line (Odoo: a picked move line with the
 * lot on the MO's raw move). A negative quantity gives back part of what was recorded for that lot.
 * Tracked components need an existing, not held lot; beyond the bill of materials a `strict` order refuses,
 * a `warning` order applies and flags the event for the order's responsible, a `flexible` order applies.
 */
export const applyConsume: Applier<'component.consume'> = (ctx, event) => {
  const { move_id, qty, lot_name } = event.payload
  const production = ctx.components.production(ctx.workOrder.production_id)
  if (!production || production.state === 'done' || production.state === 'cancel') {
    throw new EventRejected('workorder_closed', 'This manufacturing order is already closed or cancelled.', {
      production_state: production?.state,
    })
  }
  const component = ctx.components.component(move_id)
  if (!component || component.workorder_id !== ctx.workOrder.id) {
    throw new EventRejected('component_unknown', `Component line ${move_id} is not consumed by this work order.`, { move_id })
  }
  if (qty === 0) throw new EventRejected('qty_invalid', 'The quantity cannot be 0.', { qty })
  const lot = consumedLot(ctx, component, lot_name, qty)
  if (qty > 0) checkRule(ctx, component, qty, event.id, event.occurredAtMs)
  else {
    const recorded = lot ? ctx.components.lotQty(component.id, lot.id) : component.qty_consumed
    if (-qty > recorded + QTY_EPSILON) {
      throw new EventRejected('qty_invalid', `A correction cannot give back more than the ${recorded} consumed.`, {
        qty,
        qty_consumed: recorded,
      })
    }
  }
  ctx.components.consume(component.id, lot?.id ?? null, qty)
  ctx.changes.touchWorkOrders([ctx.workOrder.id])
}

function consumedLot(ctx: ApplyContext, component: ComponentRecord, lotName: string | undefined, qty: number): LotRecord | null {
  if (component.tracking === 'none') {
    if (lotName !== undefined) {
      throw new EventRejected('invalid_event', 'payload.lot_name: not expected: this component is not tracked.', {
        field: 'payload.lot_name',
        reason: 'not expected: this component is not tracked',
      })
    }
    return null
  }
  if (lotName === undefined) {
    throw new EventRejected('lot_required', `${component.product_name} is tracked: scan the lot or serial consumed.`, {
      field: 'payload.lot_name',
    })
  }
  // Components are never invented: only an existing lot is consumed.
  const lot = ctx.lots.find(component.product_id, lotName)
  if (!lot) {
    throw new EventRejected('lot_unknown', `No lot ${lotName} of ${component.product_name}: scan the label of the lot used.`, {
      lot_name: lotName,
    })
  }
  if (ctx.plant.lotIsHeld(lot.id)) {
    throw new EventRejected('lot_on_hold', `Lot ${lotName} is on quality hold and cannot be consumed.`, { lot_name: lotName })
  }
  if (component.tracking === 'serial') {
    if (Math.abs(qty) !== 1) {
      throw new EventRejected('serial_qty', `A serial number stands for exactly one unit: consume 1, not ${qty}.`, { qty })
    }
    if (qty > 0 && ctx.components.lotQty(component.id, lot.id) > 0) {
      throw new EventRejected('invalid_event', 'payload.lot_name: this serial number is already consumed.', {
        field: 'payload.lot_name',
        reason: 'this serial number is already consumed',
      })
    }
  }
  return lot
}

/** The bill of materials' consumption rule, as Odoo's `_get_consumption_issues` reads it. */
function checkRule(ctx: ApplyContext, component: ComponentRecord, qty: number, eventId: string, at: number): void {
  const total = component.qty_consumed + qty
  if (total <= component.qty_required + QTY_EPSILON) return
  const details = { consumption: component.consumption, qty_required: component.qty_required, qty: total }
  if (component.consumption === 'strict') {
    throw new EventRejected(
      'consumption_exceeded',
      `${total} of ${component.product_name} is more than the ${component.qty_required} the bill of materials allows.`,
      details,
    )
  }
  if (component.consumption === 'warning') {
    ctx.components.flag(
      eventId,
      component.production_id,
      'Consumption over the bill of materials',
      `${component.product_name}: ${total} consumed, ${component.qty_required} expected.`,
      at,
    )
  }
}
