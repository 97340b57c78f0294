import { Dexie } from 'dexie'
import type { ShopfloorDb } from '../db/schema'
import type { OutboxRow, WorkOrderRow } from '../db/rows'
import type { TerminalEvent, WorkOrder } from '../domain/contract'
import { replayPending, type EffectContext } from '../domain/effects'
import { queueSortKey } from '../domain/queue'

/**
 * The pending events of one work order that count on screen, oldest first: those recorded before its
 * first unresolved dead letter. The ones behind it wait and may never apply as recorded (a finish behind
 * a refused quantity), so the work order shows what the server has until a supervisor resolves it.
 * Call inside a transaction over `outbox` and `deadLetters`.
 */
export async function pendingEventsOf(db: ShopfloorDb, workorderId: number): Promise<TerminalEvent[]> {
  const [rows, dead] = await Promise.all([
    db.outbox
      .where('[workorderId+seq]')
      .between([workorderId, Dexie.minKey], [workorderId, Dexie.maxKey])
      .filter((r) => r.status === 'pending')
      .toArray(),
    db.deadLetters.where('workorderId').equals(workorderId).filter((d) => d.resolved === 0).toArray(),
  ])
  const heldFrom = Math.min(...dead.map((d) => d.seq))
  return rows.filter((r: OutboxRow) => r.seq < heldFrom).map((r) => r.event)
}

/** The stored row for a work order as `view`, on top of the server copy `base` (null when they are the same). */
export function workOrderRow(view: WorkOrder, base: WorkOrder | null): WorkOrderRow {
  return {
    id: view.id,
    workCenterId: view.work_center.id,
    queueKey: queueSortKey(view),
    productId: view.product.id,
    productionId: view.production.id,
    lotNames: view.lots_producing.map((l) => l.name),
    wo: view,
    base,
    ...(base === null ? {} : { diverged: 1 as const }),
  }
}

/**
 * The row for a fresh server copy of a work order with this device's still-pending events
 * re-applied on top (oldest first), so the screen never jumps back.
 */
export function rowWithPending(server: WorkOrder, pending: readonly TerminalEvent[], ctx: EffectContext): WorkOrderRow {
  return pending.length ? workOrderRow(replayPending(server, pending, ctx), server) : workOrderRow(server, null)
}

/**
 * {@link rowWithPending} reading the pending events from the outbox. Call inside a transaction over
 * `outbox`; `hasPending` false skips the read (the common case during a large pull).
 */
export async function rowFromServer(
  db: ShopfloorDb,
  server: WorkOrder,
  ctx: EffectContext,
  hasPending = true,
): Promise<WorkOrderRow> {
  return rowWithPending(server, hasPending ? await pendingEventsOf(db, server.id) : [], ctx)
}
