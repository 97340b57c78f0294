import type { Hold, LotRef, TerminalEvent, WorkCenter, WorkOrder } from './contract'
import { consumeOnLine } from './components'

/** Names the optimistic effects need that the event itself does not carry. */
export interface EffectContext {
  /** Hold reason names by id, so a hold recorded offline shows its reason at once. */
  holdReasons: ReadonlyMap<number, string>
}

/** Lots this device produced but the server has not confirmed yet carry this placeholder id. */
export const UNCONFIRMED_LOT_ID = 0

/**
 * The optimistic effect of one event on its work order, mirroring what the server will do
 * (docs/contract-decisions.md, "Event semantics"). Pure: returns a new work order, or the same
 * object when the event does not change it. The server's copy replaces the result once it answers.
 */
export function applyEventToWorkOrder(wo: WorkOrder, event: TerminalEvent, ctx: EffectContext): WorkOrder {
  switch (event.type) {
    case 'workorder.start':
      return {
        ...wo,
        state: 'progress',
        is_running: true,
        date_start: wo.date_start ?? event.occurred_at,
        qty_producing: wo.qty_producing > 0 ? wo.qty_producing : Math.max(wo.qty_production - wo.qty_produced, 0),
      }
    case 'workorder.pause':
      return wo.is_running ? { ...wo, is_running: false } : wo
    case 'workorder.produce': {
      const made = wo.qty_produced + event.payload.qty
      return {
        ...wo,
        qty_produced: made,
        // The order's quantity producing becomes the most its operations made (server/ingest/order-quantity.ts).
        // This operation's count is all the tablet knows of them; the server's answer brings the others'.
        qty_producing: made,
        lots_producing: withLot(wo.lots_producing, event.payload.lot_name),
      }
    }
    case 'workorder.finish': {
      const final = event.payload.qty
      return {
        ...wo,
        state: 'done',
        is_running: false,
        qty_produced: final,
        lots_producing: final > wo.qty_produced ? withLot(wo.lots_producing, event.payload.lot_name) : wo.lots_producing,
        date_finished: event.occurred_at,
      }
    }
    case 'scrap.record':
      return wo
    case 'quality.hold': {
      const hold: Hold = {
        // Negative and unique per device until the server assigns the real id.
        id: -event.device_seq,
        lot_name: event.payload.lot_name ?? null,
        workorder_id: event.payload.lot_name ? null : wo.id,
        reason: ctx.holdReasons.get(event.payload.reason_id) ?? `#${event.payload.reason_id}`,
        state: 'held',
        note: event.payload.note ?? null,
      }
      return { ...wo, holds: [...wo.holds, hold], is_blocked: true }
    }
    case 'quality.release': {
      const holds = wo.holds.filter((h) => h.id !== event.payload.hold_id)
      return { ...wo, holds, is_blocked: holds.some((h) => h.state === 'held') }
    }
    case 'downtime.start':
      return { ...wo, is_running: false, is_blocked: true }
    case 'downtime.end':
      return { ...wo, is_blocked: wo.holds.some((h) => h.state === 'held') }
    case 'component.consume': {
      const { move_id, qty, lot_name } = event.payload
      const components = wo.components.map((c) => (c.move_id === move_id ? consumeOnLine(c, qty, lot_name) : c))
      return { ...wo, components }
    }
    case 'production.close':
      return {
        ...wo,
        state: wo.state === 'cancel' ? wo.state : 'done',
        is_running: false,
        production: { ...wo.production, state: 'done' },
        components_availability_state: null,
        components_expected_date: null,
      }
    case 'event.discard':
      // A discard resolves a ledger row; what the discarded event did was already rolled back when it was refused.
      return wo
    default:
      throw new Error(`Unhandled event type ${String((event as { type: unknown }).type)}: add it to applyEventToWorkOrder`)
  }
}

/** The optimistic effect of a downtime event on the work center record; other events leave it as is. */
export function applyEventToWorkCenter(wc: WorkCenter, event: TerminalEvent): WorkCenter {
  switch (event.type) {
    case 'downtime.start':
      return { ...wc, is_blocked: true, open_downtime: { loss_reason_id: event.payload.loss_reason_id, since: event.occurred_at } }
    case 'downtime.end':
      return { ...wc, is_blocked: false, open_downtime: null }
    default:
      return wc
  }
}

/**
 * After an operation finishes, mirrors the server (Odoo's next-operation rule): walking the
 * manufacturing order's operations by sequence, each `blocked` one with no unfinished operation
 * before it becomes `ready`. Returns only the operations that changed.
 */
export function advanceProduction(operations: readonly WorkOrder[]): WorkOrder[] {
  const sorted = [...operations].sort((a, b) => a.sequence - b.sequence || a.id - b.id)
  const changed: WorkOrder[] = []
  let earlierOpen = false
  for (const op of sorted) {
    if (op.state === 'blocked' && !earlierOpen) changed.push({ ...op, state: 'ready' })
    if (op.state !== 'done' && op.state !== 'cancel') earlierOpen = true
  }
  return changed
}

/**
 * Re-applies still-pending events, oldest first, over a fresh server copy, so the screen never
 * jumps back to a state the operator already left.
 */
export function replayPending(base: WorkOrder, pending: readonly TerminalEvent[], ctx: EffectContext): WorkOrder {
  return pending.reduce((wo, event) => applyEventToWorkOrder(wo, event, ctx), base)
}

function withLot(lots: LotRef[], name: string | undefined): LotRef[] {
  if (name === undefined || lots.some((l) => l.name === name)) return lots
  return [...lots, { id: UNCONFIRMED_LOT_ID, name }]
}
