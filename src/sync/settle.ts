import type { ShopfloorDb } from '../db/schema'
import type { DeadLetterRow, OutboxRow } from '../db/rows'
import type { EventResult, WorkOrder } from '../domain/contract'
import { effectContext, readSyncState } from './context'
import { pendingEventsOf, rowWithPending, workOrderRow } from './merge'
import { ProtocolError } from './errors'

/**
 * What the caller already knows of the outbox: the pending events per work order as of the moment
 * the device sequence was `deviceSeq`. While no event was recorded since, settling trusts it instead
 * of reading each work order's pending events again.
 */
export interface PendingSnapshot {
  deviceSeq: number
  byWorkOrder: ReadonlyMap<number, readonly OutboxRow[]>
}

/** What one batch's answers did. */
export interface SettleOutcome {
  done: number
  dead: number
  retry: number
  /** Ids of the events settled for good (done or dead). */
  settled: Set<string>
  /** Work orders whose later events must wait: one of theirs stays pending (retry, no answer) or went dead. */
  blocked: Set<number>
}

/**
 * Settles sent events by the server's results, in one transaction: applied/duplicate → done and
 * the server's work order replaces the optimistic one (still-pending events re-applied on top);
 * rejected/conflict → dead letters with the server's reason, their optimistic effect rolled back
 * (on the server's copy a rejection carries, so the hold that caused it shows);
 * retry → stays pending. Rows another path settled meanwhile are left alone.
 * @param sentAt when the events were sent (counted as an attempt), or null when the results come
 *   from elsewhere (the ledger, during reconciliation).
 * @param snapshot the pending events the caller read, to spare one outbox read per work order.
 */
export async function settleResults(
  db: ShopfloorDb,
  sent: readonly OutboxRow[],
  results: readonly EventResult[],
  now: number,
  sentAt: number | null = null,
  snapshot: PendingSnapshot | null = null,
): Promise<SettleOutcome> {
  const byId = new Map(results.map((r) => [r.id.toLowerCase(), r]))
  const unknown = results.find((r) => !sent.some((s) => s.id.toLowerCase() === r.id.toLowerCase()))
  if (unknown) throw new ProtocolError(`a result for event ${unknown.id}, which was not sent`)
  const outcome: SettleOutcome = { done: 0, dead: 0, retry: 0, settled: new Set(), blocked: new Set() }

  await db.transaction('rw', [db.outbox, db.deadLetters, db.workOrders, db.reasons, db.syncState], async () => {
    const current = await db.outbox.bulkGet(sent.map((s) => s.id))
    const serverCopies = new Map<number, WorkOrder>()
    const touched = new Set<number>()
    const updates: OutboxRow[] = []
    const dead: DeadLetterRow[] = []
    for (const found of current) {
      if (!found || found.status !== 'pending') continue
      // Counted here, with the answer, rather than in a write of its own before sending.
      const row = sentAt === null ? found : { ...found, attempts: found.attempts + 1, lastAttemptAt: sentAt }
      const result = byId.get(row.id.toLowerCase())
      if (!result) {
        updates.push(row)
        outcome.blocked.add(row.workorderId)
        continue
      }
      switch (result.status) {
        case 'applied':
        case 'duplicate':
          updates.push({ ...row, status: 'done', result: result.status, settledAt: now, lastError: null })
          outcome.settled.add(row.id)
          // Null for a discard whose work order left this terminal: nothing to show of it.
          if (result.workorder) serverCopies.set(row.workorderId, result.workorder)
          touched.add(row.workorderId)
          outcome.done++
          break
        case 'rejected':
        case 'conflict':
          updates.push({ ...row, status: 'dead', result: result.status, settledAt: now, lastError: result.error })
          outcome.settled.add(row.id)
          dead.push({
            id: row.id,
            seq: row.seq,
            workorderId: row.workorderId,
            event: row.event,
            status: result.status,
            error: result.error,
            deadAt: now,
            resolved: 0,
            resolution: null,
          })
          // A rejection carries the work order as the server has it (spec §4): the hold behind it shows.
          if (result.status === 'rejected' && result.workorder) serverCopies.set(row.workorderId, result.workorder)
          touched.add(row.workorderId)
          outcome.blocked.add(row.workorderId)
          outcome.dead++
          break
        case 'retry':
          updates.push({ ...row, lastError: result.error })
          outcome.blocked.add(row.workorderId)
          outcome.retry++
          break
        default:
          throw new ProtocolError(`unknown result status ${JSON.stringify((result as { status: unknown }).status)}`)
      }
    }
    await db.outbox.bulkPut(updates)
    await db.deadLetters.bulkPut(dead)
    // Reads issued together, not one await per work order: IndexedDB pipelines them in the transaction.
    const ids = [...touched]
    const [ctx, stored, state] = await Promise.all([effectContext(db), db.workOrders.bulkGet(ids), readSyncState(db)])
    const trusted = snapshot !== null && snapshot.deviceSeq === state.deviceSeq ? snapshot : null
    const heldBack = new Set(dead.map((d) => d.workorderId))
    const rows = await Promise.all(
      ids.map(async (id, i) => {
        const base = serverCopies.get(id) ?? stored[i]?.base ?? stored[i]?.wo
        if (!base) return null
        // Behind a new dead letter, the pending events wait: pendingEventsOf leaves them out.
        const pending = trusted && !heldBack.has(id)
          ? (trusted.byWorkOrder.get(id) ?? []).filter((r) => !outcome.settled.has(r.id)).map((r) => r.event)
          : await pendingEventsOf(db, id)
        return rowWithPending(base, pending, ctx)
      }),
    )
    await db.workOrders.bulkPut(rows.filter((r) => r !== null))
    const productionOf = new Map(stored.flatMap((r) => (r ? [[r.id, r.productionId] as const] : [])))
    // A refused event holds back a finish recorded after it too: the next operations are not ready yet.
    const undone = dead.map((d) => productionOf.get(d.workorderId))
    await undoSiblingAdvance(db, new Set(undone.filter((id) => id !== undefined)), touched)
  })
  return outcome
}

/**
 * A finish the server refused (or one held behind a refused event) did not make the next operations ready: operations of those
 * manufacturing orders that show an optimistic state but have no pending event of their own go
 * back to their server copy.
 */
async function undoSiblingAdvance(db: ShopfloorDb, productions: ReadonlySet<number>, skip: ReadonlySet<number>): Promise<void> {
  if (productions.size === 0) return
  const siblings = await db.workOrders.where('productionId').anyOf([...productions]).toArray()
  const diverged = siblings.filter((r) => r.base !== null && !skip.has(r.id))
  const pending = await Promise.all(diverged.map((r) => pendingEventsOf(db, r.id)))
  await db.workOrders.bulkPut(diverged.flatMap((r, i) => (r.base && pending[i]?.length === 0 ? [workOrderRow(r.base, null)] : [])))
}
