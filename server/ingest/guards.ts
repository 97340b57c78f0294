import type { LotRecord } from '../db/lots.ts'
import type { WorkOrderRecord } from '../db/plant.ts'
import type { ApplyContext } from './apply-context.ts'
import { EventRejected } from './rejection.ts'

/** Refuses work on a finished or cancelled work order. */
export function assertOpen(wo: WorkOrderRecord): void {
  if (wo.state === 'done' || wo.state === 'cancel') {
    throw new EventRejected('workorder_closed', `Work order ${wo.id} is ${wo.state === 'done' ? 'finished' : 'cancelled'}.`, {
      state: wo.state,
    })
  }
}

/**
 * Refuses a final quantity of a serial product that is not its serials: those the operation reported (one
 * unit each) and the one the finish names.
 */
export function assertSerialCount(ctx: ApplyContext, final: number, lotName: string | undefined): void {
  const serials = ctx.workOrder.qty_produced + (lotName === undefined ? 0 : 1)
  if (Math.abs(final - serials) > QTY_EPSILON) {
    throw new EventRejected('serial_qty', `This operation reported ${serials} serial number(s): finish it with that quantity.`, {
      qty: final,
      serials,
    })
  }
}

/**
 * Refuses start and finish at `at` when a downtime had the work center stopped then (Odoo's button_start and
 * action_mark_as_done refuse a blocked work center), judged at the event's time rather than now: a downtime
 * logged 10:00–10:30 refuses a start at 10:15 replayed at noon, and a start at 10:40 replayed after a downtime
 * began at 10:50 applies. Returns when the work center went down after `at`, if it is down now.
 */
export function assertWorkCenterUpAt(ctx: ApplyContext, at: number): number | undefined {
  const wo = ctx.workOrder
  const downtime = ctx.plant.downtimeAt(wo.work_center_id, at)
  if (downtime) {
    throw new EventRejected('workcenter_down', 'The work center was stopped by a downtime at that time: end the downtime first.', {
      work_center_id: wo.work_center_id,
      field: 'occurred_at',
      downtime_start: new Date(downtime.start).toISOString(),
      downtime_end: downtime.end === null ? null : new Date(downtime.end).toISOString(),
    })
  }
  const openId = ctx.plant.openDowntimeId(wo.work_center_id)
  return openId === undefined ? undefined : ctx.plant.lineStart(openId)
}

/** Refuses production on a held work order (a hold stops finish and produce, not start). */
export function assertNotHeld(ctx: ApplyContext): void {
  if (ctx.plant.isOnHold(ctx.workOrder.id)) {
    throw new EventRejected(
      'workorder_on_hold',
      `Work order ${ctx.workOrder.id} is under a quality hold: a supervisor must release it first.`,
    )
  }
}

/** Refuses a quantity that is not positive. */
export function assertPositive(qty: number): void {
  if (!(qty > 0)) throw new EventRejected('qty_invalid', `Quantity ${qty} is not valid: enter a quantity above 0.`, { qty })
}

/** Rounding slack when comparing quantities that went through floating point. */
export const QTY_EPSILON = 1e-9

/** Refuses a produced total above the planned quantity plus the terminal's overproduction tolerance. */
export function assertWithinTolerance(ctx: ApplyContext, total: number): void {
  const { qty_production } = ctx.workOrder
  const limit = qty_production * (1 + ctx.terminal.settings.overproduction_tolerance)
  if (total > limit + QTY_EPSILON) {
    throw new EventRejected(
      'qty_over_tolerance',
      `${total} would exceed the planned ${qty_production} beyond the allowed tolerance (at most ${limit}).`,
      { qty_production, max_qty: limit, total },
    )
  }
}

/**
 * The lot or serial that `qty` units are produced into, for a tracked product: checks the name is given,
 * that a serial is produced one at a time and once, that a lot-tracked manufacturing order keeps producing
 * its one lot (as in Odoo), and that the lot is not held; creates an unknown lot when the terminal may
 * create lots. In a serial routing every operation reports its order's serials, each once: a serial
 * another order produced, or one this operation already reported, is refused. Returns null for untracked
 * products.
 */
export function producedLot(ctx: ApplyContext, lotName: string | undefined, qty: number, at: number): LotRecord | null {
  const lot = resolveProducedLot(ctx, lotName, qty, at)
  if (lot && ctx.workOrder.tracking === 'serial') ctx.plant.reportSerial(ctx.workOrder.id, lot.id)
  return lot
}

function resolveProducedLot(ctx: ApplyContext, lotName: string | undefined, qty: number, at: number): LotRecord | null {
  const wo = ctx.workOrder
  if (wo.tracking === 'none') return null
  if (lotName === undefined) {
    throw new EventRejected('lot_required', `The product is tracked by ${wo.tracking}: scan or enter the ${wo.tracking} produced.`, {
      tracking: wo.tracking,
    })
  }
  if (wo.tracking === 'serial') {
    if (qty !== 1) {
      throw new EventRejected('serial_qty', `A serial number stands for exactly one unit: report 1, not ${qty}.`, { qty })
    }
    const known = ctx.lots.find(wo.product_id, lotName)
    if (ctx.lots.serialProducedElsewhere(wo.product_id, lotName, wo.production_id) || (known && ctx.plant.serialReported(wo.id, known.id))) {
      throw new EventRejected('serial_already_produced', `Serial ${lotName} was already produced: scan the next serial.`, {
        lot_name: lotName,
      })
    }
  }
  if (wo.tracking === 'lot') {
    const current = ctx.plant.productionLots(wo.production_id)[0]
    if (current && current.name !== lotName) {
      throw new EventRejected('invalid_event', `This manufacturing order already produces lot ${current.name}: produce into it.`, {
        field: 'payload.lot_name',
        reason: `this manufacturing order already produces lot ${current.name}`,
      })
    }
  }
  const existing = ctx.lots.find(wo.product_id, lotName)
  if (existing) {
    if (ctx.plant.lotIsHeld(existing.id)) {
      throw new EventRejected('workorder_on_hold', `Lot ${lotName} is under a quality hold: produce into another lot.`, {
        lot_name: lotName,
      })
    }
    return existing
  }
  if (!ctx.terminal.settings.allow_lot_creation) {
    throw new EventRejected('lot_unknown', `Lot ${lotName} does not exist and this terminal may not create lots.`, {
      lot_name: lotName,
    })
  }
  return ctx.lots.create(wo.product_id, lotName, at)
}
