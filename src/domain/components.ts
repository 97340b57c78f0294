import type { Component, ConsumedLot, WorkOrder } from './contract'

/** Quantities are compared with this slack so 0.1 + 0.2 does not exceed 0.3. */
const QTY_EPSILON = 1e-9

/** What this operation still needs of a component (never negative). */
export function qtyStillNeeded(component: Component): number {
  return Math.max(roundQty(component.qty_required - component.qty_consumed), 0)
}

/** The component line a consumption names, by its move id. */
export function componentByMove(wo: WorkOrder, moveId: number): Component | undefined {
  return wo.components.find((c) => c.move_id === moveId)
}

/** What was recorded of one lot on a component line. */
export function lotQty(component: Component, lotName: string): number {
  return component.lots?.find((lot) => lot.name === lotName)?.qty ?? 0
}

/**
 * The optimistic effect of a `component.consume` on its line: the quantity consumed, and the lot's
 * quantity (a lot given back to zero leaves the list), as the server will record them.
 */
export function consumeOnLine(component: Component, qty: number, lotName: string | undefined): Component {
  const consumed = { ...component, qty_consumed: roundQty(component.qty_consumed + qty) }
  if (lotName === undefined) return consumed
  const lots: ConsumedLot[] = []
  let found = false
  for (const lot of component.lots ?? []) {
    if (lot.name !== lotName) lots.push(lot)
    else {
      found = true
      const left = roundQty(lot.qty + qty)
      if (left > QTY_EPSILON) lots.push({ name: lot.name, qty: left })
    }
  }
  if (!found && qty > 0) lots.push({ name: lotName, qty })
  return { ...consumed, lots: lots.sort((a, b) => a.name.localeCompare(b.name)) }
}

/**
 * The component line a scanned lot belongs to: the tracked line of the lot's product (`productId`, from a
 * GS1 GTIN or the lot lookup), else the only tracked line still needing something, else none.
 */
export function lineForScan(wo: WorkOrder, productId: number | undefined): Component | undefined {
  const tracked = wo.components.filter((c) => c.tracking !== 'none' && c.move_id !== undefined)
  if (productId !== undefined) return tracked.find((c) => c.product.id === productId)
  const open = tracked.filter((c) => qtyStillNeeded(c) > QTY_EPSILON)
  return open.length === 1 ? open[0] : undefined
}

/** What producing `qty` more units implies for the components, shown before the operator confirms. */
export interface ProduceConsumption {
  /** Untracked components Odoo consumes in proportion (those not recorded by hand). */
  proportional: { product: Component['product']; qty: number }[]
  /** Tracked components whose lots are not recorded yet: scan them on the components panel. */
  lotsMissing: Component['product'][]
}

/**
 * The consumption a produce of `qty` implies: Odoo consumes untracked components in proportion to the
 * planned quantity (unless an operator recorded them), and needs the lots of tracked ones.
 */
export function consumptionForProduce(wo: WorkOrder, qty: number): ProduceConsumption {
  const proportional: ProduceConsumption['proportional'] = []
  const lotsMissing: ProduceConsumption['lotsMissing'] = []
  if (!(qty > 0) || wo.qty_production <= 0) return { proportional, lotsMissing }
  for (const c of wo.components) {
    if (c.tracking !== 'none') {
      if ((c.lots ?? []).length === 0 && qtyStillNeeded(c) > QTY_EPSILON) lotsMissing.push(c.product)
      continue
    }
    const share = Math.min(roundQty((c.qty_required * qty) / wo.qty_production), qtyStillNeeded(c))
    if (share > QTY_EPSILON) proportional.push({ product: c.product, qty: share })
  }
  return { proportional, lotsMissing }
}

/**
 * A shortage as the floor reads it: when Odoo expects the missing components (late: after the order's
 * start), else which components of this operation are short.
 */
export type Shortage = { kind: 'late' | 'expected'; expected: string } | { kind: 'short'; products: string[] } | null

/** Whether this work order's manufacturing order lacks components, and how to say it. */
export function shortageOf(wo: WorkOrder): Shortage {
  const state = wo.components_availability_state
  if ((state === 'late' || state === 'expected') && wo.components_expected_date) {
    return { kind: state, expected: wo.components_expected_date }
  }
  const short = wo.components.filter((c) => c.availability?.is_short).map((c) => c.product.display_name)
  if (short.length > 0) return { kind: 'short', products: short }
  if (state === 'unavailable') return { kind: 'short', products: [] }
  return null
}

function roundQty(qty: number): number {
  return Math.round(qty * 1e6) / 1e6
}
