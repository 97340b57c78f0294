/**
 * Why the terminal refuses an operator's action on the spot, before anything is recorded.
 * The codes are stable (the UI translates them); where the server has the same rule, the code is
 * the server's rejection code, so an operator reads the same message offline and online.
 */
export type RefusalReason =
  | 'not_paired'
  | 'operator_required'
  | 'operator_unknown'
  | 'workorder_unknown'
  | 'workorder_closed'
  | 'workorder_on_hold'
  | 'workorder_blocked'
  | 'workcenter_down'
  | 'qty_invalid'
  | 'qty_over_tolerance'
  | 'lot_required'
  | 'lot_mismatch'
  | 'serial_qty'
  | 'serial_already_produced'
  | 'reason_unknown'
  | 'reason_required'
  | 'product_unknown'
  | 'hold_not_active'
  | 'hold_unconfirmed'
  | 'release_not_allowed'
  | 'downtime_already_open'
  | 'downtime_not_open'
  | 'payload_invalid'
  | 'dead_letter_unknown'
  | 'dead_letter_resolved'
  | 'component_unknown'
  | 'consumption_exceeded'
  | 'close_not_allowed'
  | 'credentials_unknown'
  | 'badge_unknown'
  | 'pin_required'
  | 'pin_not_set'
  | 'pin_wrong'
  | 'supervisor_required'
  | 'occurred_in_future'
  | 'occurred_too_old'

/** Values a refusal message may interpolate (e.g. `{ max: 11 }` for `qty_over_tolerance`). */
export type RefusalParams = Record<string, string | number>

const MESSAGES: Record<RefusalReason, string> = {
  not_paired: 'This device is not paired: pair it with a server first.',
  operator_required: 'No operator is signed in: scan your badge first.',
  operator_unknown: 'This badge belongs to no operator of this terminal: ask a supervisor to allow you on this work center.',
  workorder_unknown: 'This work order is not on this device: sync, then try again.',
  workorder_closed: 'This work order is already done or cancelled.',
  workorder_on_hold: 'This work order is on quality hold: a supervisor must release the hold first.',
  workorder_blocked: 'This work order waits for an earlier operation or components: it cannot start yet.',
  workcenter_down: 'The work center is stopped: end the downtime before starting work.',
  qty_invalid: 'Enter a quantity greater than zero.',
  qty_over_tolerance: 'This quantity exceeds what the work order allows: check the count.',
  lot_required: 'This product is tracked: scan or enter the lot or serial number.',
  lot_mismatch: 'This manufacturing order already produces another lot: scan that lot.',
  serial_qty: 'A serial number identifies one unit: report a quantity of 1 per serial.',
  serial_already_produced: 'This serial number was already produced: scan the right serial.',
  reason_unknown: 'This reason is not known on this device: pick a reason from the list.',
  reason_required: 'Pick a reason.',
  product_unknown: 'This product is not known on this device: pick a product from the list.',
  hold_not_active: 'This hold is not active any more.',
  hold_unconfirmed: 'This hold has not reached the server yet: sync, then release it.',
  release_not_allowed: 'You are not allowed to release holds: ask a supervisor.',
  downtime_already_open: 'The work center is already stopped.',
  downtime_not_open: 'The work center is not stopped.',
  payload_invalid: 'The action carries an invalid value: correct the highlighted field.',
  dead_letter_unknown: 'This failed event does not exist on this device.',
  dead_letter_resolved: 'This failed event was already resent or discarded.',
  component_unknown: 'This component is not consumed by this work order: scan a component of its list.',
  consumption_exceeded: 'This is more than the bill of materials allows for this component.',
  close_not_allowed: 'This terminal may not close manufacturing orders: a supervisor closes it in Odoo.',
  credentials_unknown: 'This device has not received its badge data yet: connect it to the network once, then try again.',
  badge_unknown: 'This badge belongs to no operator of this terminal: scan your own badge.',
  pin_required: 'Enter your PIN.',
  pin_not_set: 'No PIN is set for you in Odoo: ask the Odoo administrator to set one on your employee.',
  pin_wrong: 'Wrong PIN: try again.',
  supervisor_required: 'This needs a supervisor: a badge allowed to release holds and resolve events.',
  occurred_in_future: 'This time is in the future: enter when it really happened.',
  occurred_too_old: 'This time is older than the server accepts ({days} days): enter a later time, or discard the event.',
}

/**
 * An action the domain rules refuse: nothing was recorded. `reason` is the stable code the UI
 * translates; `params` fills the translated message (e.g. the field or the allowed maximum).
 */
export class ActionRefusedError extends Error {
  override name = 'ActionRefusedError'
  readonly reason: RefusalReason
  readonly params: RefusalParams

  constructor(reason: RefusalReason, params: RefusalParams = {}) {
    super(MESSAGES[reason] + (Object.keys(params).length ? ` (${JSON.stringify(params)})` : ''))
    this.reason = reason
    this.params = params
  }
}
