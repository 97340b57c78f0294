import { v7 as uuidv7 } from 'uuid'
import type { ShopfloorDb } from '../db/schema'
import type { DeadLetterRow, OutboxRow } from '../db/rows'
import { DISCARD_REASON_MAX, type TerminalEvent } from '../domain/contract'
import type { RecordAction } from '../domain/actions'
import { applyEventToWorkCenter } from '../domain/effects'
import { ActionRefusedError } from '../domain/refusals'
import { validatePayload } from '../domain/rules'
import { isTimeRefusal, retimeProblem } from '../domain/retime'
import { formatLocalIso } from '../domain/time'
import { clockShiftOf } from './batch'
import { effectContext, readSyncState, requireSession } from './context'
import { pendingEventsOf, rowWithPending } from './merge'
import type { RecordDeps } from './recorder'

/**
 * Who resolves a dead letter: the supervisor who authorized it on the tablet with badge and PIN
 * (`supervisorId`), or a supervisor in the office whose decision the tablet carries out (`resolvedBy`
 * null, `decidedBy` their user name). The server checks either again when the event arrives.
 */
export interface ResolveAs {
  supervisorId?: number
  decidedBy?: string
}

/** A resend's corrected time, for an event the server refused because of its time ({@link isTimeRefusal}). */
export interface Retime {
  /** When it really happened, epoch ms on the device clock as it is now. */
  occurredAtMs?: number
}

/**
 * The employee id the resolving event names: the authorizing supervisor, or null for an office decision.
 * @throws ActionRefusedError `supervisor_required` when neither is given.
 */
function resolverOf(as: ResolveAs): number | null {
  if (as.decidedBy !== undefined) return null
  if (as.supervisorId === undefined) throw new ActionRefusedError('supervisor_required', { name: '' })
  return as.supervisorId
}

/**
 * Resends a dead-lettered event as a NEW event (new id) that takes the dead one's place: same device_seq,
 * outbox seq, occurred_at, operator and correlation id, linked by `resend_of`, with the payload as the
 * supervisor edited it (or unchanged). Being in the dead event's place, it is sent before the events the
 * dead one held back, so the work order's events still reach the server in the order they were recorded
 * (docs/api.md, "Ordering"). The dead letter is marked resolved, which releases them.
 * When the server refused the event because of its time, the supervisor may correct it (`occurredAtMs`):
 * the resend then carries that time, stated on the device clock as it is now.
 * @throws ActionRefusedError `dead_letter_unknown`, `dead_letter_resolved`, the payload's shape errors,
 *   `payload_invalid` on `occurred_at` (a corrected time for a refusal that is not about time),
 *   `occurred_in_future` or `occurred_too_old`.
 */
export async function resendDeadLetter(
  db: ShopfloorDb,
  id: string,
  editedPayload?: TerminalEvent['payload'],
  deps: RecordDeps & ResolveAs & Retime = {},
): Promise<OutboxRow> {
  const { now = Date.now, newId = uuidv7, decidedBy, occurredAtMs } = deps
  const resolvedBy = resolverOf(deps)
  const newEventId = newId()
  return db.transaction('rw', [db.session, db.syncState, db.outbox, db.deadLetters, db.workOrders, db.workCenters, db.reasons], async () => {
    const { dead } = await openDeadLetter(db, id)
    if (dead.event.type === 'event.discard') throw new ActionRefusedError('payload_invalid', { field: 'type' })
    const payload = JSON.parse(JSON.stringify(editedPayload ?? dead.event.payload)) as TerminalEvent['payload']
    validatePayload({ type: dead.event.type, workorderId: dead.workorderId, payload } as RecordAction)
    const at = now()
    if (occurredAtMs !== undefined) checkRetime(dead, occurredAtMs, at)
    const occurred_at = occurredAtMs === undefined ? dead.event.occurred_at : formatLocalIso(new Date(occurredAtMs))
    const event = { ...dead.event, id: newEventId, occurred_at, resend_of: dead.id, resolved_by: resolvedBy, payload } as TerminalEvent
    const original = await db.outbox.get(dead.id)
    // The dead event's occurred_at is stated on the clock it was read on; a corrected one on the clock as it is now.
    const clockShiftMs = occurredAtMs === undefined ? (original ? clockShiftOf(original) : 0) : (await readSyncState(db)).clockShiftMs
    const row = replacement(dead, event, at, clockShiftMs)
    await db.outbox.add(row)
    await resolve(db, dead, { kind: 'resent', eventId: newEventId, at, operatorId: resolvedBy, decidedBy: decidedBy ?? null })
    await refreshWorkOrder(db, dead.workorderId, event)
    return row
  })
}

/** Refuses a corrected time the server would refuse again, or one for a refusal that is not about time. */
function checkRetime(dead: DeadLetterRow, occurredAtMs: number, nowMs: number): void {
  if (!isTimeRefusal(dead.error) || !Number.isFinite(occurredAtMs)) throw new ActionRefusedError('payload_invalid', { field: 'occurred_at' })
  const problem = retimeProblem(occurredAtMs, nowMs, dead.error)
  if (problem?.code === 'occurred_in_future') throw new ActionRefusedError('occurred_in_future')
  if (problem?.code === 'occurred_too_old') throw new ActionRefusedError('occurred_too_old', { days: problem.maxAgeDays })
}

/**
 * Discards a dead-lettered event with a reason: an `event.discard` takes its place (same device_seq and
 * outbox seq) and tells the server, whose ledger marks the event resolved. The dead letter is resolved
 * with who and when, which releases the events it held back: show them first ({@link heldBehind}).
 * @throws ActionRefusedError `reason_required`, `payload_invalid` (reason over 200 characters),
 *   `dead_letter_unknown` or `dead_letter_resolved`.
 */
export async function discardDeadLetter(db: ShopfloorDb, id: string, reason: string, deps: RecordDeps & ResolveAs = {}): Promise<OutboxRow> {
  const { now = Date.now, newId = uuidv7, decidedBy } = deps
  const text = reason.trim()
  if (text === '') throw new ActionRefusedError('reason_required')
  if (text.length > DISCARD_REASON_MAX) throw new ActionRefusedError('payload_invalid', { field: 'reason' })
  const resolvedBy = resolverOf(deps)
  const discardId = newId()
  return db.transaction('rw', [db.session, db.syncState, db.outbox, db.deadLetters, db.workOrders, db.workCenters, db.reasons], async () => {
    const { dead } = await openDeadLetter(db, id)
    const at = now()
    const event: TerminalEvent = {
      id: discardId,
      type: 'event.discard',
      workorder_id: dead.workorderId,
      occurred_at: formatLocalIso(new Date(at)),
      device_seq: dead.event.device_seq,
      employee_id: resolvedBy,
      correlation_id: dead.event.correlation_id ?? discardId,
      payload: { event_id: dead.id, reason: text },
    }
    // Its occurred_at is read now, on the device clock as it is now.
    const row = replacement(dead, event, at, (await readSyncState(db)).clockShiftMs)
    await db.outbox.add(row)
    await resolve(db, dead, { kind: 'discarded', reason: text, at, operatorId: resolvedBy, decidedBy: decidedBy ?? null })
    await refreshWorkOrder(db, dead.workorderId, event)
    return row
  })
}

/**
 * The events of the dead letter's work order that wait behind it (recorded after it, still pending),
 * oldest first: what a discard releases, for the supervisor to see before confirming.
 */
export async function heldBehind(db: ShopfloorDb, id: string): Promise<TerminalEvent[]> {
  return db.transaction('r', [db.outbox, db.deadLetters], async () => {
    const dead = await db.deadLetters.get(id)
    if (!dead) throw new ActionRefusedError('dead_letter_unknown', { id })
    const pending = await db.outbox.where('[workorderId+seq]').between([dead.workorderId, dead.seq + 1], [dead.workorderId, Infinity]).toArray()
    return pending.filter((r) => r.status === 'pending').map((r) => r.event)
  })
}

/** The outbox row of an event that takes a dead letter's place: its seq, so it goes before what the dead one held. */
function replacement(dead: DeadLetterRow, event: TerminalEvent, at: number, clockShiftMs: number): OutboxRow {
  return {
    id: event.id,
    seq: dead.seq,
    workorderId: dead.workorderId,
    type: event.type,
    event,
    status: 'pending',
    attempts: 0,
    lastError: null,
    recordedAt: at,
    lastAttemptAt: null,
    settledAt: null,
    result: null,
    resendOf: dead.id,
    clockShiftMs,
  }
}

/** The work order shown with its pending events once a dead letter no longer holds them back (the resent one in its place). */
async function refreshWorkOrder(db: ShopfloorDb, workorderId: number, event: TerminalEvent): Promise<void> {
  const stored = await db.workOrders.get(workorderId)
  if (!stored) return
  const [ctx, pending] = await Promise.all([effectContext(db), pendingEventsOf(db, workorderId)])
  await db.workOrders.put(rowWithPending(stored.base ?? stored.wo, pending, ctx))
  const workCenter = await db.workCenters.get(stored.workCenterId)
  if (workCenter) await db.workCenters.put(applyEventToWorkCenter(workCenter, event))
}

async function openDeadLetter(db: ShopfloorDb, id: string) {
  await requireSession(db)
  const dead = await db.deadLetters.get(id)
  if (!dead) throw new ActionRefusedError('dead_letter_unknown', { id })
  if (dead.resolved === 1) throw new ActionRefusedError('dead_letter_resolved', { id })
  return { dead }
}

async function resolve(db: ShopfloorDb, dead: DeadLetterRow, resolution: NonNullable<DeadLetterRow['resolution']>): Promise<void> {
  await db.deadLetters.put({ ...dead, resolved: 1, resolution })
  await db.outbox.update(dead.id, { status: 'resolved' })
}
