import type { WorkOrder } from './contract'

/** The separator of a work order's title, language-neutral. */
const SEPARATOR = ' · '

/**
 * How every screen names a work order, as Odoo users know it: manufacturing order, operation and
 * product ("WH/MO/00005 · Assembly · [DRW-01] Drawer"), never its database id.
 */
export function workOrderTitle(wo: Pick<WorkOrder, 'name' | 'production' | 'product'>): string {
  return [wo.production.name, wo.name, wo.product.display_name].join(SEPARATOR)
}
