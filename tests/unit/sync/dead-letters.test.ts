import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../../src/api/client'
import { discardDeadLetter, resendDeadLetter } from '../../../src/sync/dead-letters'
import { pushOutbox } from '../../../src/sync/push'
import { recordAction } from '../../../src/sync/recorder'
import { ActionRefusedError } from '../../../src/domain/refusals'
import type { EventResult } from '../../../src/domain/contract'
import { answerEach, bootstrap, freshDb, scriptedServer, seed, SERVER, workOrder } from './fixtures'

const limits = bootstrap().limits

/** Work order 1 with a produce the server rejects (unknown lot) and a finish held behind it. */
async function withDeadProduce() {
  const lotTracked = { id: 71, display_name: 'Paint', barcode: null, tracking: 'lot' as const, uom: 'L' }
  const db = freshDb()
  await seed(db, [workOrder(1, { state: 'progress', product: lotTracked })])
  const produce = await recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 2, lot_name: 'LOT-TYPO' } })
  const finish = await recordAction(db, { type: 'workorder.finish', workorderId: 1, payload: {} })
  const server = scriptedServer()
  const decide = (e: { id: string; device_seq: number; payload: unknown }): EventResult =>
    (e.payload as { lot_name?: string }).lot_name === 'LOT-TYPO'
      ? { id: e.id, status: 'rejected', error: { code: 'lot_unknown', message: 'Lot LOT-TYPO does not exist' } }
      : { id: e.id, status: 'applied', workorder: workOrder(1, { state: 'progress', product: lotTracked, version: `s${e.device_seq}` }) }
  server.on('POST /events', answerEach(decide))
  const client = createApiClient({ baseUrl: SERVER, token: 't', fetch: server.fetch })
  await pushOutbox(db, client, limits)
  return { db, server, client, produce, finish }
}

describe('dead letters', () => {
  it('resends an edited payload as a new event linked to the dead one, after the events held behind it', async () => {
    const { db, server, client, produce, finish } = await withDeadProduce()

    const resent = await resendDeadLetter(db, produce.id, { qty: 2, lot_name: 'LOT-0001' })
    await pushOutbox(db, client, limits)

    expect(resent.id).not.toBe(produce.id)
    expect(resent).toMatchObject({ resendOf: produce.id, seq: 3 })
    expect(resent.event).toMatchObject({ type: 'workorder.produce', occurred_at: produce.event.occurred_at, employee_id: 8, payload: { lot_name: 'LOT-0001' } })
    expect(await db.deadLetters.get(produce.id)).toMatchObject({ resolved: 1, resolution: { kind: 'resent', eventId: resent.id, operatorId: 8 } })
    expect((await db.outbox.get(produce.id))?.status).toBe('resolved')
    // Sent in device order: the held finish (seq 2), then the resend (seq 3).
    expect(server.postedEvents().map((e) => e.device_seq)).toEqual([1, 2, 3])
    expect((await db.outbox.get(finish.id))?.status).toBe('done')
  })

  it('discards with a reason, releasing the held events', async () => {
    const { db, server, client, produce } = await withDeadProduce()

    await discardDeadLetter(db, produce.id, 'Counted twice')
    await pushOutbox(db, client, limits)

    expect(await db.deadLetters.get(produce.id)).toMatchObject({ resolved: 1, resolution: { kind: 'discarded', reason: 'Counted twice' } })
    expect(server.postedEvents().map((e) => e.device_seq)).toEqual([1, 2])
  })

  it('refuses to discard without a reason, or to resolve twice, or a malformed edit', async () => {
    const { db, produce } = await withDeadProduce()

    await expect(discardDeadLetter(db, produce.id, '  ')).rejects.toMatchObject({ reason: 'reason_required' })
    await expect(resendDeadLetter(db, produce.id, { qty: Number.NaN })).rejects.toMatchObject({ reason: 'qty_invalid' })
    await discardDeadLetter(db, produce.id, 'typo')
    await expect(resendDeadLetter(db, produce.id)).rejects.toBeInstanceOf(ActionRefusedError)
    await expect(resendDeadLetter(db, produce.id)).rejects.toMatchObject({ reason: 'dead_letter_resolved' })
    await expect(discardDeadLetter(db, 'nope', 'x')).rejects.toMatchObject({ reason: 'dead_letter_unknown' })
  })

  it('shows the resent event optimistically on the work order', async () => {
    const { db, produce } = await withDeadProduce()

    await resendDeadLetter(db, produce.id, { qty: 2, lot_name: 'LOT-0001' })

    expect((await db.workOrders.get(1))?.wo.lots_producing.map((l) => l.name)).toContain('LOT-0001')
  })
})
