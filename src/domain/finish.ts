import type { FinishQtyBasis, WorkOrder } from './contract'
import { isOnHold } from './queue'
import type { RefusalReason } from './refusals'

/**
 * What the Finish button offers on this work order, judged before any confirmation dialog:
 * - `refused`: the tablet can foresee the server's refusal (a closed or held work order);
 * - `reported`: finish with what was reported (`short` when below the planned quantity);
 * - `planned`: nothing was reported, so the planned quantity is offered as an explicit choice
 *   (Odoo's button_finish would silently take it; here the operator decides and the event says so).
 */
export type FinishOffer =
  | { kind: 'refused'; reason: Extract<RefusalReason, 'workorder_closed' | 'workorder_on_hold'> }
  | { kind: 'reported'; qty: number; planned: number; short: boolean }
  | { kind: 'planned'; qty: number }

/** The finish the operator can confirm on `wo` as it is on this device. */
export function finishOffer(wo: WorkOrder): FinishOffer {
  if (wo.state === 'done' || wo.state === 'cancel') return { kind: 'refused', reason: 'workorder_closed' }
  if (isOnHold(wo)) return { kind: 'refused', reason: 'workorder_on_hold' }
  if (wo.qty_produced > 0) return { kind: 'reported', qty: wo.qty_produced, planned: wo.qty_production, short: wo.qty_produced < wo.qty_production }
  return { kind: 'planned', qty: wo.qty_production }
}

/** The finish payload for a confirmed offer: the quantity shown and where it came from. */
export function finishPayload(
  offer: Exclude<FinishOffer, { kind: 'refused' }>,
  lotName?: string,
): { qty: number; qty_basis: FinishQtyBasis; lot_name?: string } {
  return { qty: offer.qty, qty_basis: offer.kind, ...(lotName ? { lot_name: lotName } : {}) }
}
