import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../../src/api/client'
import { PushError } from '../../../src/sync/errors'
import { pushOutbox } from '../../../src/sync/push'
import { recordAction } from '../../../src/sync/recorder'
import type { ShopfloorDb } from '../../../src/db/schema'
import type { RecordAction } from '../../../src/domain/actions'
import { answerEach, applyAll, bootstrap, errorReply, freshDb, networkDown, scriptedServer, seed, SERVER, workOrder } from './fixtures'

const limits = bootstrap().limits

async function setup(workOrders = [workOrder(1), workOrder(2)]) {
  const db = freshDb()
  await seed(db, workOrders)
  const server = scriptedServer()
  const client = createApiClient({ baseUrl: SERVER, token: 't', fetch: server.fetch })
  return { db, server, client }
}

async function rec(db: ShopfloorDb, ...actions: RecordAction[]) {
  const rows = []
  for (const a of actions) rows.push(await recordAction(db, a))
  return rows
}

const start = (workorderId: number): RecordAction => ({ type: 'workorder.start', workorderId, payload: {} })
const produce = (workorderId: number, qty: number): RecordAction => ({ type: 'workorder.produce', workorderId, payload: { qty } })

describe('pushOutbox', () => {
  it('sends pending events oldest first in batches of max_batch and settles applied ones with the server copy', async () => {
    const { db, server, client } = await setup()
    await rec(db, start(1), produce(1, 2), start(2), produce(1, 1), produce(2, 4))
    server.on('POST /events', applyAll((e) => workOrder(e.workorder_id, { state: 'progress', version: `srv-${e.device_seq}` })))

    const outcome = await pushOutbox(db, client, { ...limits, max_batch: 2 })

    expect(outcome).toMatchObject({ batches: 3, sent: 5, done: 5, dead: 0 })
    const batches = server.calls.map((c) => (c.body as { events: { device_seq: number }[] }).events.map((e) => e.device_seq))
    expect(batches).toEqual([[1, 2], [3, 4], [5]])
    expect(await db.outbox.where('[status+seq]').between(['pending', 0], ['pending', Infinity]).count()).toBe(0)
    const wo1 = await db.workOrders.get(1)
    expect(wo1).toMatchObject({ base: null, wo: { version: 'srv-4' } })
  })

  it('sends the events on each side of a clock jump apart, each batch stating the clock its events were read on', async () => {
    const { db, server } = await setup()
    const T = Date.parse('2026-11-26T08:00:00.000Z')
    let wall = T
    let mono = 0
    const deps = { now: () => wall, monotonic: () => mono, pageId: 'p' }
    await recordAction(db, start(1), deps)
    await recordAction(db, produce(1, 1), deps)
    // The clock is set back three hours while one minute passes.
    wall += 60_000 - 3 * 3_600_000
    mono += 60_000
    await recordAction(db, produce(1, 2), deps)
    server.on('POST /events', applyAll((e) => workOrder(e.workorder_id, { state: 'progress' })))
    const client = createApiClient({ baseUrl: SERVER, token: 't', fetch: server.fetch, now: () => wall })

    const outcome = await pushOutbox(db, client, limits)

    expect(outcome).toMatchObject({ batches: 2, sent: 3, done: 3 })
    const bodies = server.calls.map((c) => c.body as { events: { device_seq: number }[]; sent_at: string })
    expect(bodies.map((b) => b.events.map((e) => e.device_seq))).toEqual([[1, 2], [3]])
    // The first batch's events were read on the clock before the jump: it would show three hours more now.
    expect(bodies.map((b) => Date.parse(b.sent_at))).toEqual([wall + 3 * 3_600_000, wall])
  })

  it('keeps the still-pending events applied on top of the server copy', async () => {
    const { db, server, client } = await setup()
    await rec(db, start(1), produce(1, 2), produce(1, 3))
    // The server answers the first event, asks to retry the others.
    server.on(
      'POST /events',
      answerEach((e) =>
        e.device_seq === 1
          ? { id: e.id, status: 'applied', workorder: workOrder(1, { state: 'progress', is_running: true, version: 'srv' }) }
          : { id: e.id, status: 'retry', error: { code: 'lock_timeout', message: 'busy' } },
      ),
    )

    const outcome = await pushOutbox(db, client, limits)

    expect(outcome).toMatchObject({ done: 1, retry: 2 })
    const row = await db.workOrders.get(1)
    expect(row?.base).toMatchObject({ version: 'srv', qty_produced: 0 })
    expect(row?.wo).toMatchObject({ version: 'srv', qty_produced: 5, is_running: true })
  })

  it('moves a rejected event to the dead letters with the reason, rolls back its effect and those of the events it holds', async () => {
    const { db, server, client } = await setup()
    await rec(db, produce(1, 2), produce(1, 3), start(2))
    server.on(
      'POST /events',
      answerEach((e) =>
        e.device_seq === 1
          ? { id: e.id, status: 'rejected', error: { code: 'workorder_on_hold', message: 'held' } }
          : e.workorder_id === 1
            ? { id: e.id, status: 'retry', error: { code: 'waiting_for_earlier_event', message: 'wait' } }
            : { id: e.id, status: 'applied', workorder: workOrder(2, { state: 'progress' }) },
      ),
    )

    await pushOutbox(db, client, limits)
    await pushOutbox(db, client, limits)

    const dead = await db.deadLetters.toArray()
    expect(dead).toHaveLength(1)
    expect(dead[0]).toMatchObject({ seq: 1, status: 'rejected', resolved: 0, error: { code: 'workorder_on_hold' } })
    // Both produces are off the screen: the refused one rolled back, the later one waits behind it.
    expect((await db.workOrders.get(1))?.wo.qty_produced).toBe(0)
    // The second push sends nothing of work order 1: its event 2 waits behind the dead letter.
    expect(server.postedEvents().map((e) => e.device_seq)).toEqual([1, 2, 3])
    expect((await db.outbox.toArray()).find((r) => r.seq === 2)?.status).toBe('pending')
  })

  it('treats conflict like rejected: a dead letter with the server reason', async () => {
    const { db, server, client } = await setup()
    await rec(db, start(1))
    server.on('POST /events', answerEach((e) => ({ id: e.id, status: 'conflict', error: { code: 'idempotency_key_reused', message: 'reused' } })))

    const outcome = await pushOutbox(db, client, limits)

    expect(outcome.dead).toBe(1)
    expect((await db.deadLetters.toArray())[0]).toMatchObject({ status: 'conflict', error: { code: 'idempotency_key_reused' } })
  })

  it('sends nothing more in the same push after a retry, and keeps the work order behind it in order', async () => {
    const { db, server, client } = await setup()
    await rec(db, produce(1, 1), produce(1, 1), produce(1, 1))
    server.on('POST /events', answerEach((e) => ({ id: e.id, status: 'retry', error: { code: 'lock_timeout', message: 'busy' } })))

    const outcome = await pushOutbox(db, client, { ...limits, max_batch: 1 })

    expect(outcome).toMatchObject({ batches: 1, retry: 1 })
    expect(server.postedEvents().map((e) => e.device_seq)).toEqual([1])
  })

  it('keeps the batch pending when the answer is lost, and the replay of the same events settles them', async () => {
    const { db, server, client } = await setup()
    const rows = await rec(db, start(1), produce(1, 2))
    server.on('POST /events', networkDown, answerEach((e) => ({ id: e.id, status: 'duplicate', workorder: workOrder(1, { qty_produced: 2, state: 'progress' }) })))

    await expect(pushOutbox(db, client, limits)).rejects.toBeInstanceOf(PushError)
    const afterFailure = await db.outbox.get(rows[0]?.id ?? '')
    expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1, lastError: { code: 'network_error' } })

    await pushOutbox(db, client, limits)

    const sent = server.postedEvents()
    expect(sent.map((e) => e.id)).toEqual([rows[0]?.id, rows[1]?.id, rows[0]?.id, rows[1]?.id])
    expect(sent[2]).toEqual(sent[0])
    expect((await db.outbox.get(rows[1]?.id ?? ''))?.status).toBe('done')
    expect(await db.outbox.get(rows[1]?.id ?? '')).toMatchObject({ result: 'duplicate', attempts: 2 })
  })

  it('halves the batch when the server says it is too large', async () => {
    const { db, server, client } = await setup()
    await rec(db, start(1), produce(1, 1), produce(1, 1), produce(1, 1))
    server.on('POST /events', errorReply(413, 'batch_too_large'), applyAll((e) => workOrder(e.workorder_id)))

    const outcome = await pushOutbox(db, client, limits)

    expect(outcome.done).toBe(4)
    expect(server.calls.map((c) => (c.body as { events: unknown[] }).events.length)).toEqual([4, 2, 2])
  })

  it('dead-letters the one event a 400 names and sends the others', async () => {
    const { db, server, client } = await setup()
    await rec(db, start(1), start(2))
    server.on('POST /events', errorReply(400, 'invalid_request', { field: 'events[0].id' }), applyAll((e) => workOrder(e.workorder_id)))

    const outcome = await pushOutbox(db, client, limits)

    expect(outcome).toMatchObject({ dead: 1, done: 1 })
    expect((await db.deadLetters.toArray())[0]).toMatchObject({ workorderId: 1, error: { code: 'invalid_event' } })
  })

  it('throws a PushError for a server fault and leaves everything pending', async () => {
    const { db, server, client } = await setup()
    await rec(db, start(1))
    server.on('POST /events', errorReply(503, 'internal_error'))

    await expect(pushOutbox(db, client, limits)).rejects.toThrow(/stay queued/)
    expect((await db.outbox.toArray())[0]).toMatchObject({ status: 'pending', lastError: { code: 'internal_error' } })
  })
})

describe('a finish and the next operation of its manufacturing order', () => {
  const mo = { id: 500, name: 'WH/MO/00500', date_deadline: null, priority: '0' as const }
  const ops = () => [
    workOrder(1, { production: mo, sequence: 10, state: 'progress' }),
    workOrder(2, { production: mo, sequence: 20, state: 'blocked' }),
  ]

  it('shows the next operation ready at once, and back to waiting when the server refuses the finish', async () => {
    const { db, server, client } = await setup(ops())
    await rec(db, { type: 'workorder.finish', workorderId: 1, payload: { qty: 10 } })
    expect((await db.workOrders.get(2))?.wo.state).toBe('ready')
    server.on('POST /events', answerEach((e) => ({ id: e.id, status: 'rejected', error: { code: 'workorder_on_hold', message: 'held' } })))

    await pushOutbox(db, client, limits)

    expect(await db.workOrders.get(2)).toMatchObject({ base: null, wo: { state: 'blocked' } })
    expect((await db.workOrders.get(1))?.wo.state).toBe('progress')
  })
})

describe('an action recorded while its work order is being replayed', () => {
  it('stays applied on top of the server copy the answer brings', async () => {
    const { db, server, client } = await setup()
    await rec(db, start(1))
    server.on('POST /events', async (call) => {
      // The operator taps while the request is in flight.
      await recordAction(db, produce(1, 4))
      const events = (call.body as { events: { id: string }[] }).events
      return new Response(JSON.stringify({ results: events.map((e) => ({ id: e.id, status: 'applied', workorder: workOrder(1, { state: 'progress', version: 'srv' }) })) }), {
        headers: { 'content-type': 'application/json' },
      })
    })

    await pushOutbox(db, client, limits)

    expect(await db.workOrders.get(1)).toMatchObject({ base: { version: 'srv', qty_produced: 0 }, wo: { version: 'srv', qty_produced: 4 } })
  })
})
