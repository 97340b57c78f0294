/**
 * Quantities and work orders in words, for every screen and notice. Odoo's unit names ("Units", "kg",
 * "Dozens") have no singular, so a quantity is written as a measure, "1 × Units", never "1 Units"
 * (docs/i18n.md).
 */
import type { WorkOrder } from '../domain/contract'
import { workOrderTitle } from '../domain/workorder-title'
import { i18n } from './index'

/** A quantity with its unit of measure: "1 × Units", "2,5 × kg". */
export function measureText(qty: number, uom: string): string {
  const { t, n } = i18n.global
  return t('format.measure', { qty: n(qty, 'qty'), uom })
}

/** A quantity without its unit, rounded as quantities are: "1,234.5". */
export function qtyText(qty: number): string {
  return i18n.global.n(qty, 'qty')
}

/** A work order by MO, operation and product; one no longer on this device is said so, not numbered. */
export function workOrderText(wo: WorkOrder | undefined): string {
  return wo === undefined ? i18n.global.t('format.workOrderGone') : workOrderTitle(wo)
}
