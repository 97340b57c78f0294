import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../../src/api/client'
import { resendDeadLetter } from '../../../src/sync/dead-letters'
import { pushOutbox } from '../../../src/sync/push'
import { recordAction } from '../../../src/sync/recorder'
import { formatLocalIso } from '../../../src/domain/time'
import type { ErrorCode, EventResult, TerminalEvent } from '../../../src/domain/contract'
import { answerEach, bootstrap, freshDb, seed, scriptedServer, SERVER, workOrder } from './fixtures'

const limits = bootstrap().limits
const NOW = Date.parse('2026-11-26T10:00:00Z')
const HOUR = 60 * 60_000
const DAY = 24 * HOUR
const supervisor = { supervisorId: 9, now: () => NOW }

/** Work order 1 with a start the server refused (`code`, about its time) and a pause waiting behind it. */
async function withRefusedStart(code: ErrorCode, details: Record<string, unknown>) {
  const db = freshDb()
  await seed(db, [workOrder(1, { state: 'ready' })])
  const start = await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} }, { now: () => NOW - 9 * DAY })
  const pause = await recordAction(db, { type: 'workorder.pause', workorderId: 1, payload: {} }, { now: () => NOW - 9 * DAY + HOUR })
  const server = scriptedServer()
  server.on('POST /events', answerEach((e: TerminalEvent): EventResult =>
    e.id === start.id ? { id: e.id, status: 'rejected', error: { code, message: 'time', details } } : { id: e.id, status: 'retry', error: { code: 'waiting_for_earlier_event', message: 'wait' } }))
  await pushOutbox(db, createApiClient({ baseUrl: SERVER, token: 't', fetch: server.fetch }), limits)
  return { db, start, pause }
}

describe('resending a time refusal with a corrected time', () => {
  it('carries the corrected time, stated on the device clock as it is now, in the refused event\'s place', async () => {
    const { db, start, pause } = await withRefusedStart('occurred_too_old', { field: 'occurred_at', max_age_days: 7 })
    await db.syncState.update('sync', { clockShiftMs: -HOUR })
    const corrected = NOW - 2 * DAY

    const resent = await resendDeadLetter(db, start.id, undefined, { ...supervisor, occurredAtMs: corrected })

    expect(resent).toMatchObject({ seq: start.seq, resendOf: start.id, clockShiftMs: -HOUR })
    expect(resent.event).toMatchObject({
      occurred_at: formatLocalIso(new Date(corrected)),
      device_seq: start.event.device_seq,
      employee_id: start.event.employee_id,
      correlation_id: start.event.correlation_id,
      resend_of: start.id,
      resolved_by: 9,
    })
    expect(Date.parse(resent.event.occurred_at)).toBe(corrected)
    expect(resent.seq).toBeLessThan(pause.seq)
    expect((await db.deadLetters.get(start.id))?.resolved).toBe(1)
  })

  it('keeps the refused time and its clock when no time is given', async () => {
    const { db, start } = await withRefusedStart('operator_time_overlap', { field: 'occurred_at', employee_id: 8 })
    await db.syncState.update('sync', { clockShiftMs: -HOUR })
    const resent = await resendDeadLetter(db, start.id, undefined, supervisor)
    expect(resent.event.occurred_at).toBe(start.event.occurred_at)
    expect(resent.clockShiftMs).toBe(start.clockShiftMs ?? 0)
  })

  it('refuses a time the servers would refuse again, and keeps the dead letter', async () => {
    const { db, start } = await withRefusedStart('occurred_too_old', { field: 'occurred_at', max_age_days: 7 })
    await expect(resendDeadLetter(db, start.id, undefined, { ...supervisor, occurredAtMs: NOW + 6 * 60_000 })).rejects.toMatchObject({ reason: 'occurred_in_future' })
    await expect(resendDeadLetter(db, start.id, undefined, { ...supervisor, occurredAtMs: NOW - 8 * DAY })).rejects.toMatchObject({ reason: 'occurred_too_old', params: { days: 7 } })
    await expect(resendDeadLetter(db, start.id, undefined, { ...supervisor, occurredAtMs: Number.NaN })).rejects.toMatchObject({ reason: 'payload_invalid' })
    expect((await db.deadLetters.get(start.id))?.resolved).toBe(0)
    expect(await db.outbox.count()).toBe(2)
  })

  it('refuses a corrected time for a refusal that is not about time', async () => {
    const { db, start } = await withRefusedStart('workorder_on_hold', {})
    await expect(resendDeadLetter(db, start.id, undefined, { ...supervisor, occurredAtMs: NOW - DAY })).rejects.toMatchObject({ reason: 'payload_invalid', params: { field: 'occurred_at' } })
  })
})
