import type { Applier } from '../apply-context.ts'
import { EventRejected } from '../rejection.ts'

/** Rounding slack when comparing quantities that went through floating point. */
const QTY_EPSILON = 1e-9

/**
 * Closes the manufacturing order as Odoo's "Produce All" (button_mark_done) does, with what its last
 * operation produced: every operation done, and the rest of the order either split off as a backorder
 * (`backorder: true`) or dropped. Components consumed differently from the bill of materials are refused
 * under `strict` and flagged under `warning`, as Odoo's consumption wizard allows. Closing a closed order
 * changes nothing.
 */
export const applyClose: Applier<'production.close'> = (ctx, event) => {
  if (!ctx.terminal.settings.allow_production_close) {
    throw new EventRejected('close_not_allowed', 'This terminal may not close manufacturing orders: a supervisor closes it in Odoo.')
  }
  const production = ctx.components.production(ctx.workOrder.production_id)
  if (!production || production.state === 'done') return
  if (production.state === 'cancel') {
    throw new EventRejected('workorder_closed', 'This manufacturing order is cancelled.', { production_state: production.state })
  }
  const operations = ctx.components.operations(production.id).filter((op) => op.state !== 'cancel')
  if (operations.some((op) => ctx.plant.isOnHold(op.id))) {
    throw new EventRejected('workorder_on_hold', 'This manufacturing order is on quality hold: a supervisor must release it first.')
  }
  const produced = operations.at(-1)?.qty_produced ?? 0
  if (!(produced > 0)) {
    throw new EventRejected('qty_invalid', 'Nothing was produced on the last operation yet.', { qty_produced: produced })
  }
  if (production.tracking !== 'none' && ctx.plant.productionLots(production.id).length === 0) {
    throw new EventRejected('lot_required', 'Record the lot or serial number produced before closing.', { field: 'payload.lot_name' })
  }
  const issues = ctx.components
    .components(production.id)
    .map((c) => ({ c, expected: (c.qty_required * produced) / production.product_qty }))
    .filter(({ c, expected }) => Math.abs(c.qty_consumed - expected) > QTY_EPSILON)
  if (issues.length > 0 && production.consumption === 'strict') {
    throw new EventRejected(
      'consumption_mismatch',
      'The components consumed differ from the bill of materials, which is strict: correct them or close in Odoo.',
      { issues: issues.map(({ c, expected }) => ({ product_id: c.product_id, qty_consumed: c.qty_consumed, qty_expected: expected })) },
    )
  }
  if (issues.length > 0 && production.consumption === 'warning') {
    ctx.components.flag(
      event.id,
      production.id,
      'Consumption differs from the bill of materials',
      issues.map(({ c, expected }) => `${c.product_name}: ${c.qty_consumed} consumed, ${expected} expected`).join('; '),
      event.occurredAtMs,
    )
  }
  ctx.components.close(production.id, event.occurredAtMs)
  if (event.payload.backorder && produced < production.product_qty - QTY_EPSILON) {
    ctx.changes.touchProduction(ctx.components.backorder(production, produced))
  }
  ctx.changes.touchProduction(production.id)
}
