import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { ErrorBody, EventResult, EventType, LedgerEntry, WorkOrder } from '../../src/domain/contract.ts'
import { api, claimWorkOrder, currentWorkOrder, isWorkable, newEvent, operatorId, sendEvents } from './fixtures.ts'

/**
 * Fuzz: events and bodies a broken or hostile terminal could send. Whatever arrives, the server answers below
 * 500, every HTTP error is the envelope, and an invalid event is rejected `invalid_event` naming the field it
 * broke, recorded in the ledger, and changes nothing. Runs against the demo backend, or any server given by
 * CONTRACT_BASE_URL. FUZZ_RUNS raises the number of mutated events (at least 500 by default).
 */

const RUNS = Math.max(500, Number(process.env.FUZZ_RUNS ?? 0))

/** Values no field of the contract accepts as they are, for any field kind. */
const hostileText = fc.constantFrom(
  '\u0000',
  'lot\u0000',
  '\u0007bell',
  '\u001b[31mred',
  '\u009b',
  '\ud800',
  'x\udfffy',
)
const wrongShape = fc.constantFrom<unknown>(true, false, [], [1], {}, { nested: { deeper: 1 } })
const badIds = fc.constantFrom<unknown>(0, -1, 1.5, 2 ** 31, 2 ** 53, 9_007_199_254_740_992, 1e21, '42', '\u0000')
const badQty = fc.constantFrom<unknown>('1', '\u00001', 1e308, 10_000_001, Number.MAX_VALUE)

/** Per field of a valid event: values that must make that field invalid. */
const invalidValues: Record<string, fc.Arbitrary<unknown>> = {
  type: fc.oneof(fc.constantFrom<unknown>('workorder.explode', 'WORKORDER.START', '', null, 7), hostileText),
  workorder_id: fc.oneof(badIds, wrongShape, fc.constant(null)),
  occurred_at: fc.oneof(
    fc.constantFrom<unknown>('yesterday', '2026-11-23T08:01:12', '2026-13-40T99:99:99Z', '2999-01-01T00:00:00Z', 0, null),
    hostileText,
  ),
  device_seq: fc.constantFrom<unknown>(-1, 1.5, 2 ** 53, '1', null, true),
  employee_id: fc.oneof(badIds, wrongShape),
  correlation_id: fc.oneof(fc.constantFrom<unknown>('', 'c'.repeat(65), 'has space', 12), hostileText),
  payload: fc.constantFrom<unknown>([], 'payload', 3, null),
  'payload.qty': fc.oneof(badQty, wrongShape, hostileText),
  'payload.product_id': fc.oneof(badIds, wrongShape),
  'payload.reason_id': fc.oneof(badIds, wrongShape),
  'payload.loss_reason_id': fc.oneof(badIds, wrongShape),
  'payload.hold_id': fc.oneof(badIds, wrongShape),
  'payload.lot_name': fc.oneof(hostileText, fc.constantFrom<unknown>('lot\tname', 'L'.repeat(129), 5), wrongShape),
  'payload.note': fc.oneof(hostileText, fc.constantFrom<unknown>('N'.repeat(2001), 5), wrongShape),
  'payload.qty_basis': fc.oneof(fc.constantFrom<unknown>('guessed', 'PLANNED', '', 1), hostileText),
  'payload.event_id': fc.oneof(fc.constantFrom<unknown>('not-a-uuid', '', 42, null), hostileText),
  'payload.reason': fc.oneof(fc.constantFrom<unknown>('R'.repeat(201), '', '   ', 5, null), hostileText),
  'payload.move_id': fc.oneof(badIds, wrongShape, fc.constant(null)),
  'payload.backorder': fc.constantFrom<unknown>('yes', 1, 0, null, [], {}),
  resend_of: fc.oneof(fc.constantFrom<unknown>('not-a-uuid', '', 42), hostileText),
  resolved_by: fc.oneof(badIds, wrongShape),
}

/** Every field of each type's valid payload, and one that passes validation (its ids need not exist). */
const validPayloads: Record<EventType, Record<string, unknown>> = {
  'workorder.start': {},
  'workorder.pause': { loss_reason_id: 1 },
  'workorder.produce': { qty: 1, lot_name: 'LOT-1' },
  'workorder.finish': { qty: 1, qty_basis: 'reported', lot_name: 'LOT-1' },
  'scrap.record': { product_id: 1, qty: 1, lot_name: 'LOT-1', reason_id: 1, note: 'note' },
  'quality.hold': { lot_name: 'LOT-1', reason_id: 1, note: 'note' },
  'quality.release': { hold_id: 1, note: 'note' },
  'downtime.start': { loss_reason_id: 1, note: 'note' },
  'downtime.end': {},
  'event.discard': { event_id: '0193f1c2-7b7e-7cc1-9e3a-2f1b3c4d5e6f', reason: 'counted twice' },
  'component.consume': { move_id: 1, qty: 1, lot_name: 'LOT-1' },
  'production.close': { backorder: false },
}

function invalidFor(field: string): fc.Arbitrary<unknown> {
  const values = invalidValues[field]
  if (!values) throw new Error(`The fuzz has no invalid values for ${field}: add them to invalidValues.`)
  return values
}

const ENVELOPE_FIELDS = ['type', 'workorder_id', 'occurred_at', 'device_seq', 'employee_id', 'correlation_id', 'payload', 'resend_of', 'resolved_by']

/** One mutation of a valid event, and the field the server must name. */
interface Mutation {
  type: EventType
  field: string
  value: unknown
}

const mutation: fc.Arbitrary<Mutation> = fc
  .constantFrom(...(Object.keys(validPayloads) as EventType[]))
  .chain((type) => {
    const payloadFields = Object.keys(validPayloads[type]).map((key) => `payload.${key}`)
    const known = fc
      .constantFrom(...ENVELOPE_FIELDS, ...payloadFields)
      .chain((field) => invalidFor(field).map((value) => ({ type, field, value })))
    const unknownKey = fc
      .tuple(fc.constantFrom('extra', 'qty_basis_x', '__proto_x', 'lot', 'constructor'), fc.jsonValue({ maxDepth: 2 }))
      .map(([key, value]) => ({ type, field: `payload.${key}`, value }))
    return fc.oneof({ weight: 4, arbitrary: known }, { weight: 1, arbitrary: unknownKey })
  })

function mutated(base: Record<string, unknown>, { field, value }: Mutation): Record<string, unknown> {
  if (!field.startsWith('payload.')) return { ...base, [field]: value }
  const payload = { ...(base.payload as Record<string, unknown>), [field.slice('payload.'.length)]: value }
  return { ...base, payload }
}

/** Asserts a 4xx answer is the error envelope. */
function expectEnvelope(status: number, headers: Headers, body: unknown, text: string): void {
  expect(status, text).toBeLessThan(500)
  if (status < 400) return
  expect(headers.get('content-type'), text).toMatch(/^application\/json/)
  const { error } = body as ErrorBody
  expect(typeof error.code, text).toBe('string')
  expect(error.message.length, text).toBeGreaterThan(0)
  expect(error.correlation_id, text).toBe(headers.get('x-correlation-id'))
}

/** The parts of a work order an applied event would change. */
function observable(wo: WorkOrder | undefined): unknown {
  if (!wo) return undefined
  return { state: wo.state, qty_produced: wo.qty_produced, is_running: wo.is_running, is_blocked: wo.is_blocked, holds: wo.holds }
}

describe('fuzz: no input makes the server fail', () => {
  test(`${RUNS} mutated events: each rejected invalid_event on the mutated field, recorded, changing nothing`, { timeout: 600_000 }, async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx, isWorkable, 'that is open, not held and untracked')
    const before = observable(await currentWorkOrder(wo.id))
    const rejected: string[] = []
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const base = { ...newEvent(m.type, wo.id, validPayloads[m.type] as never, { employeeId }), correlation_id: 'fuzz-1' }
        const event = mutated(base, m)
        const response = await api.post<{ results: EventResult[] }>('/events', { events: [event] })
        expectEnvelope(response.status, response.headers, response.body, response.text)
        expect(response.status, response.text).toBe(200)
        const [result] = response.body.results
        expect(result, `${m.field} = ${JSON.stringify(m.value)}`).toMatchObject({
          status: 'rejected',
          error: { code: 'invalid_event', details: { field: m.field } },
        })
        rejected.push(base.id)
      }),
      { numRuns: RUNS },
    )
    expect(observable(await currentWorkOrder(wo.id))).toEqual(before)
    for (const id of rejected.filter((_, i) => i % 50 === 0)) {
      const entry = await api.get<{ event: LedgerEntry }>(`/events/${id}`)
      expect(entry.status, entry.text).toBe(200)
      expect(entry.body.event).toMatchObject({ status: 'rejected', error: { code: 'invalid_event' } })
    }
  })

  test('bodies nested far too deep, or not JSON at all, are 400 in the envelope', { timeout: 120_000 }, async () => {
    const depth = 5000
    const bodies = [
      '['.repeat(depth) + ']'.repeat(depth),
      '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
      JSON.stringify({ events: [{ id: randomUUID(), payload: { a: { b: { c: { d: { e: { f: 1 } } } } } } }] }),
      '\u0000',
      '{"events": [',
      '',
      'null',
      '"\\ud800"',
      '{"events": "\\u0000"}',
      '{"events": [{"id": "\\u0000"}]}',
    ]
    for (const rawBody of bodies) {
      const response = await api.request('POST', '/events', { rawBody })
      expectEnvelope(response.status, response.headers, response.body, response.text.slice(0, 200))
      expect(response.status, rawBody.slice(0, 60)).toBe(400)
    }
    const tooDeep = await api.request('POST', '/events', { rawBody: bodies[0] })
    expect((tooDeep.body as ErrorBody).error).toMatchObject({ code: 'invalid_request', details: { field: 'body' } })
  })

  test('random JSON and random text as a body: always an answer below 500, errors in the envelope', { timeout: 300_000 }, async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.stringify(value)),
      fc.record({ events: fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 5 }) }).map((value) => JSON.stringify(value)),
      fc.string({ unit: 'binary', maxLength: 200 }),
    )
    await fc.assert(
      fc.asyncProperty(body, async (rawBody) => {
        const response = await api.request('POST', '/events', { rawBody })
        expectEnvelope(response.status, response.headers, response.body, response.text.slice(0, 200))
      }),
      { numRuns: 200 },
    )
  })

  test('pairing bodies with control characters or lone surrogates are 400 invalid_request naming the field', async () => {
    const good = { pairing_code: 'ZZZZ-ZZZZ', device_name: 'fuzz tablet', client_version: '1.0.0' }
    for (const [field, value] of [
      ['device_name', 'tab\u0000let'],
      ['device_name', '\u001b[2J'],
      ['pairing_code', 'ZZZZ\u0000ZZZZ'],
      ['pairing_code', '\ud800'],
      ['client_version', '1.0.0\u0007'],
    ] as const) {
      const response = await api.as(null).post('/pair', { ...good, [field]: value })
      expectEnvelope(response.status, response.headers, response.body, response.text)
      expect((response.body as ErrorBody).error, response.text).toMatchObject({ code: 'invalid_request', details: { field } })
    }
  })

  test('a batch of valid and mutated events: the valid ones apply, the mutated ones post nothing', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const wo = await claimWorkOrder(ctx)
    const other = await claimWorkOrder(ctx)
    const results = await sendEvents([
      { ...newEvent('workorder.produce', other.id, { qty: 1 }, { employeeId }), payload: { qty: '1\u0000' } },
      newEvent('workorder.start', wo.id, {}, { employeeId }),
      { ...newEvent('workorder.start', other.id, {}, { employeeId }), workorder_id: 2 ** 31 },
    ])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'applied', 'rejected'])
    expect(observable(await currentWorkOrder(other.id))).toEqual(observable(other))
  })
})
