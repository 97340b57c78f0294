import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../../src/api/client'
import { discardDeadLetter, heldBehind, resendDeadLetter } from '../../../src/sync/dead-letters'
import { pushOutbox } from '../../../src/sync/push'
import { recordAction } from '../../../src/sync/recorder'
import { ActionRefusedError } from '../../../src/domain/refusals'
import { heldEventsFor, queueForWorkCenters, workOrdersNeedingAttention } from '../../../src/db/queries'
import type { EventResult, TerminalEvent } from '../../../src/domain/contract'
import { bootstrap, freshDb, json, scriptedServer, seed, SERVER, workOrder } from './fixtures'

const limits = bootstrap().limits
const lotTracked = { id: 71, display_name: 'Paint', barcode: null, tracking: 'lot' as const, uom: 'L' }

/**
 * A server that, like the real ones, refuses a produce into lot LOT-TYPO, makes the later events of a
 * work order in the same batch wait, and answers each applied event with the work order.
 */
function orderingServer() {
  const server = scriptedServer()
  server.on('POST /events', (call) => {
    const waiting = new Set<number>()
    const results = (call.body as { events: TerminalEvent[] }).events.map((e): EventResult => {
      if (waiting.has(e.workorder_id)) return { id: e.id, status: 'retry', error: { code: 'waiting_for_earlier_event', message: 'wait' } }
      if ((e.payload as { lot_name?: string }).lot_name === 'LOT-TYPO') {
        waiting.add(e.workorder_id)
        return { id: e.id, status: 'rejected', error: { code: 'lot_unknown', message: 'Lot LOT-TYPO does not exist' }, workorder: workOrder(1, { state: 'progress', product: lotTracked, version: 'rejected' }) }
      }
      return { id: e.id, status: 'applied', workorder: workOrder(1, { state: 'progress', product: lotTracked, version: `s${e.device_seq}` }) }
    })
    return json({ results })
  })
  return server
}

/** Work order 1 with a produce the server rejects (unknown lot) and a finish of 2 L waiting behind it. */
async function withDeadProduce() {
  const db = freshDb()
  await seed(db, [workOrder(1, { state: 'progress', product: lotTracked })])
  const produce = await recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 2, lot_name: 'LOT-TYPO' } })
  const finish = await recordAction(db, { type: 'workorder.finish', workorderId: 1, payload: { qty: 2, lot_name: 'LOT-0001' } })
  const server = orderingServer()
  const client = createApiClient({ baseUrl: SERVER, token: 't', fetch: server.fetch })
  await pushOutbox(db, client, limits)
  return { db, server, client, produce, finish }
}

describe('dead letters', () => {
  it('resends an edited payload as a new event in the dead one\'s place, before the finish it held back', async () => {
    const { db, server, client, produce, finish } = await withDeadProduce()
    expect((await db.outbox.get(finish.id))?.status).toBe('pending')

    const resent = await resendDeadLetter(db, produce.id, { qty: 2, lot_name: 'LOT-0001' }, { supervisorId: 9 })
    await pushOutbox(db, client, limits)

    expect(resent.id).not.toBe(produce.id)
    expect(resent).toMatchObject({ resendOf: produce.id, seq: produce.seq })
    expect(resent.event).toMatchObject({
      type: 'workorder.produce',
      device_seq: produce.event.device_seq,
      occurred_at: produce.event.occurred_at,
      employee_id: 8,
      correlation_id: produce.event.correlation_id,
      resend_of: produce.id,
      // The operator who recorded it stays; the supervisor who authorized the resend is named apart.
      resolved_by: 9,
      payload: { lot_name: 'LOT-0001' },
    })
    expect(await db.deadLetters.get(produce.id)).toMatchObject({ resolved: 1, resolution: { kind: 'resent', eventId: resent.id, operatorId: 9 } })
    expect((await db.outbox.get(produce.id))?.status).toBe('resolved')
    // The first push: produce rejected, finish waiting. The second: the resend in the produce's place, then the finish.
    expect(server.postedEvents().map((e) => [e.type, e.device_seq])).toEqual([
      ['workorder.produce', 1],
      ['workorder.finish', 2],
      ['workorder.produce', 1],
      ['workorder.finish', 2],
    ])
    expect((await db.outbox.get(finish.id))?.status).toBe('done')
    expect((await db.outbox.get(resent.id))?.status).toBe('done')
  })

  it('shows what waits behind a dead event, then discards it with an event.discard in its place', async () => {
    const { db, server, client, produce, finish } = await withDeadProduce()

    expect(await heldBehind(db, produce.id)).toEqual([finish.event])
    const discard = await discardDeadLetter(db, produce.id, 'Counted twice', { now: () => Date.parse('2026-11-23T09:00:00Z'), supervisorId: 9 })
    await pushOutbox(db, client, limits)

    expect(await db.deadLetters.get(produce.id)).toMatchObject({ resolved: 1, resolution: { kind: 'discarded', reason: 'Counted twice', operatorId: 9 } })
    expect(discard).toMatchObject({ seq: produce.seq, resendOf: produce.id, status: 'pending' })
    expect(discard.event).toMatchObject({
      type: 'event.discard',
      workorder_id: 1,
      device_seq: produce.event.device_seq,
      employee_id: 9,
      payload: { event_id: produce.id, reason: 'Counted twice' },
    })
    expect(server.postedEvents().slice(2).map((e) => e.type)).toEqual(['event.discard', 'workorder.finish'])
    expect(await heldBehind(db, produce.id)).toEqual([])
  })

  it('carries out an office decision with who decided, and no supervisor of the tablet', async () => {
    const { db, produce } = await withDeadProduce()

    const resent = await resendDeadLetter(db, produce.id, undefined, { decidedBy: 'Mitchell Admin' })

    expect(resent.event).toMatchObject({ resend_of: produce.id, resolved_by: null, payload: { lot_name: 'LOT-TYPO' } })
    expect(await db.deadLetters.get(produce.id)).toMatchObject({ resolution: { kind: 'resent', operatorId: null, decidedBy: 'Mitchell Admin' } })
  })

  it('refuses to discard without a reason or with one over 200 characters, to resolve twice, or a malformed edit', async () => {
    const { db, produce } = await withDeadProduce()

    const as = { supervisorId: 9 }
    await expect(discardDeadLetter(db, produce.id, '  ', as)).rejects.toMatchObject({ reason: 'reason_required' })
    await expect(discardDeadLetter(db, produce.id, 'x'.repeat(201), as)).rejects.toMatchObject({ reason: 'payload_invalid', params: { field: 'reason' } })
    await expect(resendDeadLetter(db, produce.id, { qty: Number.NaN }, as)).rejects.toMatchObject({ reason: 'qty_invalid' })
    await discardDeadLetter(db, produce.id, 'typo', as)
    await expect(resendDeadLetter(db, produce.id, undefined, as)).rejects.toBeInstanceOf(ActionRefusedError)
    await expect(resendDeadLetter(db, produce.id, undefined, as)).rejects.toMatchObject({ reason: 'dead_letter_resolved' })
    await expect(discardDeadLetter(db, 'nope', 'x', as)).rejects.toMatchObject({ reason: 'dead_letter_unknown' })
  })

  it('resolves nothing without a supervisor who authorized it or an office decision', async () => {
    const { db, produce } = await withDeadProduce()

    await expect(resendDeadLetter(db, produce.id)).rejects.toMatchObject({ reason: 'supervisor_required' })
    await expect(discardDeadLetter(db, produce.id, 'typo')).rejects.toMatchObject({ reason: 'supervisor_required' })
    expect(await db.deadLetters.get(produce.id)).toMatchObject({ resolved: 0 })
  })

  it('keeps the work order as the server has it while its events wait, flagged, the waiting finish shown as waiting', async () => {
    const { db, produce, finish } = await withDeadProduce()

    // The server's copy the rejection carried, without the refused produce nor the finish held behind it.
    expect(await db.workOrders.get(1)).toMatchObject({ base: null, wo: { version: 'rejected', state: 'progress', lots_producing: [] } })
    expect(await queueForWorkCenters([1], {}, db)).toEqual([expect.objectContaining({ id: 1 })])
    expect(await workOrdersNeedingAttention(db)).toEqual(new Set([1]))
    expect((await heldEventsFor(1, db)).map((r) => r.id)).toEqual([finish.id])

    await resendDeadLetter(db, produce.id, { qty: 2, lot_name: 'LOT-0001' }, { supervisorId: 9 })

    // Resolved: the resent produce in its place, then the finish, applied on screen again.
    expect((await db.workOrders.get(1))?.wo).toMatchObject({ state: 'done', lots_producing: [expect.objectContaining({ name: 'LOT-0001' })] })
    expect(await workOrdersNeedingAttention(db)).toEqual(new Set())
    expect(await heldEventsFor(1, db)).toEqual([])
  })
})
