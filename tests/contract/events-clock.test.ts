import { describe, expect, test } from 'vitest'
import type { EventsResponse, Health, LedgerEntry } from '../../src/domain/contract.ts'
import {
  api,
  appliedWorkOrder,
  claimWorkOrder,
  expectError,
  isIdle,
  newEvent,
  operatorId,
  ownOperatorId,
  skipIfOperatorTimeTaken,
  skipIfWorkOrderTooYoung,
} from './fixtures.ts'

const MIN = 60_000
/** Odoo keeps datetimes to the second: corrected times compare within one second. */
const STORED_PRECISION_MS = 1000

/** Posts a batch as a device whose clock reads `deviceNow` when it sends. */
async function sendFromClock(events: readonly unknown[], deviceNow: number) {
  const response = await api.post<EventsResponse>('/events', { events, sent_at: new Date(deviceNow).toISOString() })
  expect(response.status, response.text).toBe(200)
  return response
}

async function ledger(id: string): Promise<LedgerEntry> {
  const response = await api.get<{ event: LedgerEntry }>(`/events/${id}`)
  expect(response.status, response.text).toBe(200)
  return response.body.event
}

describe('clock: every answer carries the server time', () => {
  test('X-Server-Time on success and on errors, in ISO 8601 UTC with milliseconds', async () => {
    const health = await api.get<Health>('/health', { token: null })
    const notFound = await api.get('/no-such-route')
    for (const response of [health, notFound]) {
      const header = response.headers.get('x-server-time') ?? ''
      expect(header).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    }
    const header = Date.parse(health.headers.get('x-server-time') ?? '')
    expect(Math.abs(header - Date.parse(health.body.server_time))).toBeLessThan(5000)
  })
})

describe('clock: the server corrects occurred_at by the skew the batch states', () => {
  test('a tablet 10 minutes fast is not refused, and its times land where they really were', async (ctx) => {
    const employeeId = await ownOperatorId(ctx, 1)
    const wo = await claimWorkOrder(ctx)
    const fast = Date.now() + 10 * MIN
    const start = newEvent('workorder.start', wo.id, {}, { employeeId, occurredAt: new Date(fast - 30 * MIN).toISOString() })
    const finish = newEvent('workorder.finish', wo.id, { qty: wo.qty_production }, { employeeId, occurredAt: new Date(fast).toISOString() })

    const response = await sendFromClock([start, finish], fast)

    const results = response.body.results
    skipIfWorkOrderTooYoung(ctx, results)
    skipIfOperatorTimeTaken(ctx, results)
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied'])
    const skew = Date.parse(response.body.server_time) - fast
    expect(skew).toBeLessThan(-9 * MIN)
    const done = appliedWorkOrder(results[1] as (typeof results)[number])
    expect(Math.abs(Date.parse(done.date_finished as string) - (fast + skew))).toBeLessThanOrEqual(STORED_PRECISION_MS)
    expect(done.duration).toBeCloseTo(wo.duration + 30, 1)
    const entry = await ledger(finish.id)
    expect(Date.parse(entry.occurred_at as string)).toBe(fast)
    expect(Math.abs(Date.parse(entry.occurred_at_server as string) - (fast + skew))).toBeLessThanOrEqual(STORED_PRECISION_MS)
    expect(entry.clock_jump_ms).toBeNull()
  })

  test('a tablet 3 hours slow gets its shift moved to the real hours', async (ctx) => {
    const employeeId = await ownOperatorId(ctx, 2)
    // date_start is the first start: a work order started before would keep its own
    const wo = await claimWorkOrder(ctx, (w) => isIdle(w) && w.date_start === null, 'that is idle and was never started')
    const slow = Date.now() - 3 * 60 * MIN
    const start = newEvent('workorder.start', wo.id, {}, { employeeId, occurredAt: new Date(slow - 20 * MIN).toISOString() })

    const response = await sendFromClock([start], slow)

    skipIfWorkOrderTooYoung(ctx, response.body.results)
    skipIfOperatorTimeTaken(ctx, response.body.results)
    expect(response.body.results[0]?.status).toBe('applied')
    const started = appliedWorkOrder(response.body.results[0] as (typeof response.body.results)[number])
    const real = slow - 20 * MIN + (Date.parse(response.body.server_time) - slow)
    expect(Math.abs(Date.parse(started.date_start as string) - real)).toBeLessThanOrEqual(STORED_PRECISION_MS)
  })

  test('a batch without sent_at (an older terminal) is not corrected: 10 minutes ahead is still refused', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    const ahead = newEvent('workorder.start', wo.id, {}, { employeeId, occurredAt: new Date(Date.now() + 10 * MIN).toISOString() })
    const response = await api.post<EventsResponse>('/events', { events: [ahead] })
    expect(response.status).toBe(200)
    expect(response.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'occurred_at' } } })
    expect(typeof response.body.server_time).toBe('string')
  })

  test('an event still ahead after the correction is refused', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    const ahead = newEvent('workorder.start', wo.id, {}, { employeeId, occurredAt: new Date(Date.now() + 20 * MIN).toISOString() })
    const response = await sendFromClock([ahead], Date.now())
    expect(response.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'occurred_at' } } })
  })

  test('a sent_at that is not a date-time is 400 invalid_request naming it', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    const event = newEvent('workorder.start', wo.id, {}, { employeeId })
    const response = await api.post('/events', { events: [event], sent_at: 'half past eight' })
    const error = expectError(response, 400, 'invalid_request')
    expect(error.details).toMatchObject({ field: 'sent_at' })
  })
})

describe('clock: jumps the device saw are flagged, not hidden', () => {
  test('an event marked clock_jump_ms is applied and its ledger entry keeps the jump for a supervisor', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    const event = { ...newEvent('workorder.start', wo.id, {}, { employeeId }), clock_jump_ms: -3 * 60 * MIN }
    const response = await sendFromClock([event], Date.now())
    expect(response.body.results[0]?.status).toBe('applied')
    expect((await ledger(event.id)).clock_jump_ms).toBe(-3 * 60 * MIN)
  })

  test('a clock_jump_ms that is not an integer rejects the event invalid_event', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    const event = { ...newEvent('workorder.start', wo.id, {}, { employeeId }), clock_jump_ms: 'a lot' }
    const response = await sendFromClock([event], Date.now())
    expect(response.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'clock_jump_ms' } } })
  })
})
