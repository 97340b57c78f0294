import { componentByMove, lotQty } from './components'
import type { EventPayloads, LossType, Operator, Product, TerminalSettings, WorkCenter, WorkOrder } from './contract'
import type { RecordAction } from './actions'
import { ActionRefusedError } from './refusals'
import { isOnHold } from './queue'

/** Kinds of reason lists the bootstrap carries. */
export type ReasonKind = 'scrap' | 'loss' | 'hold'

/** What the recorder must look up in the database before the rules can judge an action. */
export interface FactsNeeded {
  reason: { kind: ReasonKind; id: number } | null
  productId: number | null
  /**
   * A serial about to be produced: the recorder checks whether another manufacturing order produced it
   * (the operations of one order each report the order's serials, as in a serial routing).
   */
  serial: { productId: number; productionId: number; name: string } | null
}

/** The local state the rules judge an action against, gathered in the recording transaction. */
export interface ActionFacts {
  workOrder: WorkOrder | undefined
  workCenter: WorkCenter | undefined
  /** The signed-in operator, or null. */
  operator: Operator | null
  settings: TerminalSettings
  /** The reason the payload names, as this device knows it; undefined when unknown or none named. */
  reason: { id: number; loss_type?: LossType } | undefined
  /** The scrapped product, when the action is a scrap. */
  product: Product | undefined
  /** True when another manufacturing order already produced the serial of a produce, on this device's data. */
  serialProducedBefore: boolean
}

/** Quantities are compared with this slack so 0.1 + 0.2 does not exceed 0.3. */
const QTY_EPSILON = 1e-9

/** Tells the recorder which facts an action needs (reason, product, serial) before judging it. */
export function factsNeeded(action: RecordAction, workOrder: WorkOrder | undefined): FactsNeeded {
  const needed: FactsNeeded = { reason: null, productId: null, serial: null }
  switch (action.type) {
    case 'workorder.pause':
      if (action.payload.loss_reason_id !== undefined) needed.reason = { kind: 'loss', id: action.payload.loss_reason_id }
      break
    case 'downtime.start':
      needed.reason = { kind: 'loss', id: action.payload.loss_reason_id }
      break
    case 'quality.hold':
      needed.reason = { kind: 'hold', id: action.payload.reason_id }
      break
    case 'scrap.record':
      needed.productId = action.payload.product_id
      if (action.payload.reason_id !== undefined) needed.reason = { kind: 'scrap', id: action.payload.reason_id }
      break
    case 'workorder.produce':
    case 'workorder.finish':
      if (workOrder?.product.tracking === 'serial' && typeof action.payload.lot_name === 'string') {
        needed.serial = { productId: workOrder.product.id, productionId: workOrder.production.id, name: action.payload.lot_name.trim() }
      }
      break
    default:
      break
  }
  return needed
}

/**
 * Checks that a payload has the contract's shape (types, required fields, positive ids).
 * Used for operator actions and for a supervisor's edited resend alike.
 * @throws ActionRefusedError `payload_invalid` with `params.field` naming the bad field.
 */
export function validatePayload(action: RecordAction): void {
  const p: Record<string, unknown> = { ...action.payload }
  const field = (name: string): never => {
    throw new ActionRefusedError('payload_invalid', { field: name })
  }
  const id = (name: string, required: boolean): void => {
    const v = p[name]
    if (v === undefined && !required) return
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) field(name)
  }
  const text = (name: string): void => {
    const v = p[name]
    if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) field(name)
  }
  const qty = (name: string, required: boolean): void => {
    const v = p[name]
    if (v === undefined && !required) return
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ActionRefusedError('qty_invalid', { field: name })
  }
  if (!Number.isInteger(action.workorderId) || action.workorderId <= 0) field('workorder_id')
  switch (action.type) {
    case 'workorder.start':
    case 'downtime.end':
      break
    case 'workorder.pause':
      id('loss_reason_id', false)
      break
    case 'workorder.produce':
      qty('qty', true)
      text('lot_name')
      break
    case 'workorder.finish':
      qty('qty', true)
      if (p.qty_basis !== undefined && p.qty_basis !== 'reported' && p.qty_basis !== 'planned') field('qty_basis')
      text('lot_name')
      break
    case 'scrap.record':
      id('product_id', true)
      qty('qty', true)
      text('lot_name')
      id('reason_id', false)
      text('note')
      break
    case 'quality.hold':
      text('lot_name')
      if (p.reason_id === undefined) throw new ActionRefusedError('reason_required')
      id('reason_id', true)
      text('note')
      break
    case 'quality.release':
      // A hold recorded here carries a negative placeholder id until the server numbers it.
      if (typeof p.hold_id === 'number' && p.hold_id < 0) throw new ActionRefusedError('hold_unconfirmed')
      id('hold_id', true)
      text('note')
      break
    case 'downtime.start':
      if (p.loss_reason_id === undefined) throw new ActionRefusedError('reason_required')
      id('loss_reason_id', true)
      text('note')
      break
    case 'component.consume':
      id('move_id', true)
      qty('qty', true)
      if (p.qty === 0) throw new ActionRefusedError('qty_invalid', { field: 'qty' })
      text('lot_name')
      break
    case 'production.close':
      if (typeof p.backorder !== 'boolean') field('backorder')
      break
    default:
      throw new Error(`Unhandled event type ${String((action as { type: unknown }).type)}: add it to validatePayload`)
  }
}

/**
 * Judges an operator action against the local state, mirroring the server's rules
 * (docs/contract-decisions.md) so the operator is told at once instead of at replay.
 * @throws ActionRefusedError with a stable reason code and its params.
 */
export function validateAction(action: RecordAction, facts: ActionFacts): void {
  validatePayload(action)
  const wo = facts.workOrder
  if (!wo) throw new ActionRefusedError('workorder_unknown', { workorder_id: action.workorderId })
  if (facts.settings.require_operator && !facts.operator) throw new ActionRefusedError('operator_required')
  if (factsNeeded(action, wo).reason && !facts.reason) throw new ActionRefusedError('reason_unknown')
  const maxQty = wo.qty_production * (1 + facts.settings.overproduction_tolerance)
  switch (action.type) {
    case 'workorder.start':
      assertOpen(wo)
      // Starting what already runs changes nothing; the server applies it as a no-op.
      if (wo.is_running) break
      // A `blocked` operation (waiting for an earlier one) starts, as Odoo's Start button starts it.
      if (facts.workCenter?.open_downtime) throw new ActionRefusedError('workcenter_down')
      break
    case 'workorder.pause':
      // Pausing what does not run (even a finished order) changes nothing; the server applies it.
      break
    case 'workorder.produce': {
      const { qty, lot_name } = action.payload
      assertOpen(wo)
      if (isOnHold(wo)) throw new ActionRefusedError('workorder_on_hold')
      if (qty <= 0) throw new ActionRefusedError('qty_invalid', { field: 'qty' })
      if (wo.qty_produced + qty > maxQty + QTY_EPSILON) {
        throw new ActionRefusedError('qty_over_tolerance', { max: roundQty(maxQty - wo.qty_produced) })
      }
      checkTracking(wo, qty, lot_name, facts)
      break
    }
    case 'workorder.finish': {
      assertOpen(wo)
      if (facts.workCenter?.open_downtime) throw new ActionRefusedError('workcenter_down')
      if (isOnHold(wo)) throw new ActionRefusedError('workorder_on_hold')
      const final = action.payload.qty
      if (!(final > 0)) throw new ActionRefusedError('qty_invalid', { field: 'qty' })
      if (final > maxQty + QTY_EPSILON) throw new ActionRefusedError('qty_over_tolerance', { max: roundQty(maxQty) })
      const added = final - wo.qty_produced
      if (added > QTY_EPSILON) checkTracking(wo, added, action.payload.lot_name, facts)
      break
    }
    case 'scrap.record': {
      const { qty, lot_name } = action.payload
      // A scrap on a finished work order is still a fact on the floor; only a cancelled one refuses it.
      if (wo.state === 'cancel') throw new ActionRefusedError('workorder_closed', { state: wo.state })
      if (!facts.product) throw new ActionRefusedError('product_unknown', { product_id: action.payload.product_id })
      if (qty <= 0) throw new ActionRefusedError('qty_invalid', { field: 'qty' })
      if (facts.product.tracking !== 'none' && lot_name === undefined) throw new ActionRefusedError('lot_required')
      break
    }
    case 'quality.hold':
      break
    case 'quality.release': {
      const hold = wo.holds.find((h) => h.id === action.payload.hold_id)
      if (hold && hold.state !== 'held') throw new ActionRefusedError('hold_not_active')
      if (!facts.operator?.can_release_holds) throw new ActionRefusedError('release_not_allowed')
      break
    }
    case 'downtime.start':
      if (facts.reason?.loss_type === 'productive') throw new ActionRefusedError('reason_unknown')
      if (facts.workCenter?.open_downtime) throw new ActionRefusedError('downtime_already_open')
      break
    case 'downtime.end':
      if (facts.workCenter && !facts.workCenter.open_downtime) throw new ActionRefusedError('downtime_not_open')
      break
    case 'component.consume':
      checkConsumption(wo, action.payload)
      break
    case 'production.close':
      if (!facts.settings.allow_production_close) throw new ActionRefusedError('close_not_allowed')
      if (wo.production.state === 'done') break
      if (wo.state === 'cancel' || wo.production.state === 'cancel') throw new ActionRefusedError('workorder_closed', { state: 'cancel' })
      if (isOnHold(wo)) throw new ActionRefusedError('workorder_on_hold')
      if (!(wo.qty_produced > 0)) throw new ActionRefusedError('qty_invalid', { field: 'qty' })
      break
    default:
      throw new Error(`Unhandled event type ${String((action as { type: unknown }).type)}: add it to validateAction`)
  }
}

/** Start, pause, produce and finish need a work order that is neither done nor cancelled. */
function assertOpen(wo: WorkOrder): void {
  if (wo.state === 'done' || wo.state === 'cancel') throw new ActionRefusedError('workorder_closed', { state: wo.state })
}

function checkTracking(wo: WorkOrder, qty: number, lotName: string | undefined, facts: ActionFacts): void {
  const tracking = wo.product.tracking
  if (tracking === 'none') return
  if (lotName === undefined) throw new ActionRefusedError('lot_required')
  if (tracking === 'lot') {
    // As in Odoo, a lot-tracked manufacturing order produces one lot; every operation shows it.
    const current = wo.lots_producing[0]
    if (current && current.name !== lotName) throw new ActionRefusedError('lot_mismatch', { lot: current.name })
    return
  }
  if (qty !== 1) throw new ActionRefusedError('serial_qty')
  if (facts.serialProducedBefore) throw new ActionRefusedError('serial_already_produced', { serial: lotName })
  // Each operation of a serial routing reports its order's serials once: a serial of this order is a repeat
  // once the operation has reported as many serials as the order registered (the server knows exactly).
  const ofThisOrder = wo.lots_producing.some((lot) => lot.name === lotName)
  if (ofThisOrder && wo.qty_produced >= wo.lots_producing.length) {
    throw new ActionRefusedError('serial_already_produced', { serial: lotName })
  }
}

/** A consumption the server would refuse: closed order, unknown line, missing lot, over a strict BoM. */
function checkConsumption(wo: WorkOrder, payload: EventPayloads['component.consume']): void {
  const state = wo.production.state
  if (state === 'done' || state === 'cancel') throw new ActionRefusedError('workorder_closed', { state })
  const line = componentByMove(wo, payload.move_id)
  if (!line) throw new ActionRefusedError('component_unknown')
  if (line.tracking !== 'none' && payload.lot_name === undefined) throw new ActionRefusedError('lot_required')
  if (payload.qty < 0) {
    const recorded = payload.lot_name === undefined ? line.qty_consumed : lotQty(line, payload.lot_name)
    if (-payload.qty > recorded + QTY_EPSILON) throw new ActionRefusedError('qty_invalid', { field: 'qty' })
    return
  }
  if (line.tracking === 'serial' && payload.qty !== 1) throw new ActionRefusedError('serial_qty')
  if (wo.consumption === 'strict' && line.qty_consumed + payload.qty > line.qty_required + QTY_EPSILON) {
    throw new ActionRefusedError('consumption_exceeded')
  }
}

function roundQty(qty: number): number {
  return Math.round(qty * 1e6) / 1e6
}
