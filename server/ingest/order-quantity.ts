import type { OperationCount } from '../db/plant.ts'

/**
 * What the manufacturing order makes once operation `workOrderId` made `total` (the addon's
 * `workorder_produce.order_quantity`): the most any open operation reported, and never less than the last
 * finished operation made. In Odoo this is the MO's "Quantity Producing", set through the work order's
 * field (`mrp.workorder._set_qty_producing`), which every operation shows and the components follow.
 */
export function orderQuantity(operations: readonly OperationCount[], workOrderId: number, total: number): number {
  const others = operations.filter((op) => op.id !== workOrderId && op.state !== 'cancel')
  const lastFinished = others
    .filter((op) => op.state === 'done')
    .sort((a, b) => a.sequence - b.sequence || a.id - b.id)
    .at(-1)
  const openCounts = others.filter((op) => op.state !== 'done').map((op) => op.qty_produced)
  return Math.max(total, lastFinished?.qty_produced ?? 0, ...openCounts)
}
