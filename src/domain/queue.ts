import type { WorkCenter, WorkOrder } from './contract'

/** True while a held quality hold sits on the work order (or on a lot it produces). */
export function isOnHold(wo: WorkOrder): boolean {
  return wo.holds.some((h) => h.state === 'held')
}

/**
 * Whether work is prevented right now: the server's flag, a local hold, or a downtime open on the
 * work center. The work center is passed separately because a downtime recorded on this device
 * changes the work center record, not every one of its work orders.
 */
export function isWorkOrderBlocked(wo: WorkOrder, workCenter: WorkCenter | undefined): boolean {
  return wo.is_blocked || isOnHold(wo) || workCenter?.open_downtime != null
}

/** Work orders that still belong in an operator's queue (not done or cancelled). */
export function isOpen(wo: WorkOrder): boolean {
  return wo.state !== 'done' && wo.state !== 'cancel'
}

/**
 * Queue order, next job first: running work, then urgent priority, earliest deadline (none last),
 * manufacturing order (by code point, as the index compares), operation sequence, id.
 */
export function compareQueueOrder(a: WorkOrder, b: WorkOrder): number {
  const ka = queueSortKey(a)
  const kb = queueSortKey(b)
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

/** Widths of the numeric parts of the sort key: epoch ms up to year 5138, sequences and ids up to 10^12. */
const TIME_DIGITS = 14
const NUMBER_DIGITS = 12

/**
 * A string whose order is the queue order, so the database can index it and hand out the next
 * jobs without reading the whole queue. Open work orders sort before closed ones (prefix 0/1 vs 2).
 */
export function queueSortKey(wo: WorkOrder): string {
  const rank = isOpen(wo) ? (wo.state === 'progress' ? '0' : '1') : '2'
  const priority = wo.production.priority === '1' ? '0' : '1'
  const deadlineMs = wo.production.date_deadline === null ? Number.NaN : Date.parse(wo.production.date_deadline)
  const deadline = Number.isFinite(deadlineMs) ? String(Math.max(0, deadlineMs)).padStart(TIME_DIGITS, '0') : '9'.repeat(TIME_DIGITS)
  // The NUL after the name keeps "MO/1" before "MO/10".
  return [
    rank,
    priority,
    deadline,
    `${wo.production.name}\u0000`,
    String(wo.sequence).padStart(NUMBER_DIGITS, '0'),
    String(wo.id).padStart(NUMBER_DIGITS, '0'),
  ].join('')
}

/** The first key after every open work order's sort key: closed ones start here. */
export const CLOSED_SORT_PREFIX = '2'
