import { Dexie } from 'dexie'
import type { ApiClient } from '../api/client'
import { ApiError, NetworkError, TimeoutError, UnexpectedResponseError } from '../api/errors'
import type { ShopfloorDb } from '../db/schema'
import type { FailureInfo, OutboxRow } from '../db/rows'
import { MAX_BATCH, type Limits } from '../domain/contract'
import { clockShiftOf, selectBatch } from './batch'
import { PushError, toError } from './errors'
import { settleResults, type PendingSnapshot } from './settle'
import { readSyncState } from './context'

/** What one push did. */
export interface PushOutcome {
  batches: number
  sent: number
  done: number
  dead: number
  retry: number
}

/**
 * Replays the outbox: batches oldest first, one at a time, each settled before the next is sent,
 * so a work order's later event never overtakes an earlier one that is unsettled or dead. Events
 * that stay pending (retry) are not sent again in the same push; the engine retries after a backoff.
 * No transaction is open while a request is in flight.
 * @throws PushError when a batch got no answer; its events stay pending and are replayed later
 * (the server answers `duplicate` for what it already applied).
 */
export async function pushOutbox(db: ShopfloorDb, client: ApiClient, limits: Limits, now: () => number = Date.now): Promise<PushOutcome> {
  const { pending, blocked, state } = await db.transaction('r', [db.outbox, db.deadLetters, db.syncState], async () => ({
    pending: await db.outbox.where('[status+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).toArray(),
    blocked: new Set(
      (await db.deadLetters.where('[resolved+deadAt]').between([0, Dexie.minKey], [0, Dexie.maxKey]).toArray()).map((d) => d.workorderId),
    ),
    state: await readSyncState(db),
  }))
  const { deviceSeq, clockShiftMs } = state
  const byWorkOrder = new Map<number, OutboxRow[]>()
  for (const row of pending) {
    const rows = byWorkOrder.get(row.workorderId)
    if (rows) rows.push(row)
    else byWorkOrder.set(row.workorderId, [row])
  }
  const snapshot: PendingSnapshot = { deviceSeq, byWorkOrder }
  const forget = (settled: ReadonlySet<string>) => {
    for (const [id, rows] of byWorkOrder) byWorkOrder.set(id, rows.filter((r) => !settled.has(r.id)))
  }
  const outcome: PushOutcome = { batches: 0, sent: 0, done: 0, dead: 0, retry: 0 }
  const handled = new Set<string>()
  let maxBatch = Math.min(limits.max_batch, MAX_BATCH)
  for (;;) {
    const batch = selectBatch(
      pending.filter((r) => !handled.has(r.id)),
      blocked,
      maxBatch,
      limits.max_body_bytes,
    )
    if (batch.length === 0) return outcome
    const sentAt = now()
    let results
    try {
      const sinceRecorded = clockShiftMs - clockShiftOf(batch[0] as OutboxRow)
      results = (await client.postEvents(batch.map((r) => r.event), { clockShiftMs: sinceRecorded })).results
    } catch (e) {
      if (e instanceof ApiError && e.status === 413 && batch.length > 1) {
        maxBatch = Math.max(1, Math.floor(batch.length / 2))
        continue
      }
      const malformed = e instanceof ApiError && e.status === 400 ? malformedEvent(e, batch) : undefined
      if (e instanceof ApiError && malformed) {
        const result = { id: malformed.id, status: 'rejected' as const, error: { code: 'invalid_event' as const, message: e.message, details: e.details } }
        const settled = await settleResults(db, [malformed], [result], now(), sentAt, snapshot)
        forget(settled.settled)
        handled.add(malformed.id)
        settled.blocked.forEach((id) => blocked.add(id))
        outcome.dead += settled.dead
        continue
      }
      await noteFailure(db, batch, failureInfo(e), sentAt)
      throw new PushError(toError(e))
    }
    outcome.batches++
    outcome.sent += batch.length
    const settled = await settleResults(db, batch, results, now(), sentAt, snapshot)
    forget(settled.settled)
    batch.forEach((r) => handled.add(r.id))
    settled.blocked.forEach((id) => blocked.add(id))
    outcome.done += settled.done
    outcome.dead += settled.dead
    outcome.retry += settled.retry
  }
}

/** Adds a second push's counts to a first's. */
export function addOutcome(total: PushOutcome, more: PushOutcome): void {
  total.batches += more.batches
  total.sent += more.sent
  total.done += more.done
  total.dead += more.dead
  total.retry += more.retry
}

/** Describes a failure for the supervisor screen. */
export function failureInfo(e: unknown): FailureInfo {
  if (e instanceof ApiError) return { code: e.code, message: e.message, details: e.details }
  if (e instanceof TimeoutError) return { code: 'timeout', message: e.message }
  if (e instanceof NetworkError) return { code: 'network_error', message: e.message }
  if (e instanceof UnexpectedResponseError) return { code: 'unexpected_response', message: e.message }
  return { code: 'protocol_error', message: toError(e).message }
}

/** The event a 400 names (`details.field` = `events[3].id`): the server cannot even address it. */
function malformedEvent(e: ApiError, batch: readonly OutboxRow[]): OutboxRow | undefined {
  const match = /^events\[(\d+)\]/.exec(String(e.details.field ?? ''))
  return match ? batch[Number(match[1])] : undefined
}

/** A batch that got no answer: each event counts an attempt and keeps the failure for the supervisor screen. */
async function noteFailure(db: ShopfloorDb, batch: readonly OutboxRow[], failure: FailureInfo, sentAt: number): Promise<void> {
  await db.outbox.bulkUpdate(
    batch.map((r) => ({ key: r.id, changes: { attempts: r.attempts + 1, lastAttemptAt: sentAt, lastError: failure } })),
  )
}
