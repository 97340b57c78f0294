import { v7 as uuidv7 } from 'uuid'
import type { ShopfloorDb } from '../db/schema'
import type { DeadLetterRow, OutboxRow } from '../db/rows'
import type { TerminalEvent } from '../domain/contract'
import type { RecordAction } from '../domain/actions'
import { applyEventToWorkCenter, applyEventToWorkOrder } from '../domain/effects'
import { ActionRefusedError } from '../domain/refusals'
import { validatePayload } from '../domain/rules'
import { clockShiftOf } from './batch'
import { effectContext, readSyncState, requireSession } from './context'
import { workOrderRow } from './merge'
import type { RecordDeps } from './recorder'

/**
 * Resends a dead-lettered event as a NEW event: new id, next device_seq, the payload as the
 * supervisor edited it (or unchanged), the original occurred_at and operator (the fact happened
 * then, by them), linked to the dead one through `resendOf`. The dead letter is marked resolved
 * and the work order's held events are released. The new event goes after them in device order:
 * the contract applies a work order's events in device_seq order.
 * @throws ActionRefusedError `dead_letter_unknown`, `dead_letter_resolved`, or the payload's shape errors.
 */
export async function resendDeadLetter(
  db: ShopfloorDb,
  id: string,
  editedPayload?: TerminalEvent['payload'],
  deps: RecordDeps = {},
): Promise<OutboxRow> {
  const { now = Date.now, newId = uuidv7 } = deps
  const newEventId = newId()
  const correlationId = newId()
  return db.transaction(
    'rw',
    [db.session, db.syncState, db.outbox, db.deadLetters, db.workOrders, db.workCenters, db.reasons],
    async () => {
      const { dead, session } = await openDeadLetter(db, id)
      const payload = JSON.parse(JSON.stringify(editedPayload ?? dead.event.payload)) as TerminalEvent['payload']
      validatePayload({ type: dead.event.type, workorderId: dead.workorderId, payload } as RecordAction)
      const [state, original] = await Promise.all([readSyncState(db), db.outbox.get(dead.id)])
      const seq = state.deviceSeq + 1
      const event = { ...dead.event, id: newEventId, device_seq: seq, correlation_id: correlationId, payload } as TerminalEvent
      const at = now()
      const row: OutboxRow = {
        id: newEventId,
        seq,
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
        // The same occurred_at as the dead event: the same clock it was read on.
        clockShiftMs: original ? clockShiftOf(original) : 0,
      }
      await db.outbox.add(row)
      await db.syncState.put({ ...state, deviceSeq: seq })
      await resolve(db, dead, { kind: 'resent', eventId: newEventId, at, operatorId: session.operatorId })
      const stored = await db.workOrders.get(dead.workorderId)
      if (stored) {
        const ctx = await effectContext(db)
        await db.workOrders.put(workOrderRow(applyEventToWorkOrder(stored.wo, event, ctx), stored.base ?? stored.wo))
        const workCenter = await db.workCenters.get(stored.workCenterId)
        if (workCenter) await db.workCenters.put(applyEventToWorkCenter(workCenter, event))
      }
      return row
    },
  )
}

/**
 * Discards a dead-lettered event with a reason (kept with the dead letter, with who and when):
 * it will never be sent again, and the work order's held events are released.
 * @throws ActionRefusedError `reason_required`, `dead_letter_unknown` or `dead_letter_resolved`.
 */
export async function discardDeadLetter(db: ShopfloorDb, id: string, reason: string, deps: RecordDeps = {}): Promise<void> {
  const { now = Date.now } = deps
  if (reason.trim() === '') throw new ActionRefusedError('reason_required')
  await db.transaction('rw', [db.session, db.outbox, db.deadLetters], async () => {
    const { dead, session } = await openDeadLetter(db, id)
    await resolve(db, dead, { kind: 'discarded', reason: reason.trim(), at: now(), operatorId: session.operatorId })
  })
}

async function openDeadLetter(db: ShopfloorDb, id: string) {
  const session = await requireSession(db)
  const dead = await db.deadLetters.get(id)
  if (!dead) throw new ActionRefusedError('dead_letter_unknown', { id })
  if (dead.resolved === 1) throw new ActionRefusedError('dead_letter_resolved', { id })
  return { dead, session }
}

async function resolve(db: ShopfloorDb, dead: DeadLetterRow, resolution: NonNullable<DeadLetterRow['resolution']>): Promise<void> {
  await db.deadLetters.put({ ...dead, resolved: 1, resolution })
  await db.outbox.update(dead.id, { status: 'resolved' })
}
