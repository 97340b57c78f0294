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
 * manufacturing order, operation sequence, id.
 */
export function compareQueueOrder(a: WorkOrder, b: WorkOrder): number {
  return (
    Number(b.state === 'progress') - Number(a.state === 'progress') ||
    Number(b.production.priority) - Number(a.production.priority) ||
    compareDeadline(a.production.date_deadline, b.production.date_deadline) ||
    a.production.name.localeCompare(b.production.name) ||
    a.sequence - b.sequence ||
    a.id - b.id
  )
}

function compareDeadline(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return Date.parse(a) - Date.parse(b)
}
