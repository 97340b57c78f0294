import { DISCARD_REASON_MAX, EVENT_TYPES, type EventType, type TerminalEvent } from '../../src/domain/contract.ts'
import { MINUTE_MS } from '../db/time.ts'

/** An event whose fields all have the right types, with its time parsed. */
export type ValidEvent = TerminalEvent & { occurredAtMs: number }

/** The first thing wrong with an event: `field` is a path inside the event (`payload.qty`). */
export interface FieldProblem {
  field: string
  reason: string
}

/** How far ahead of the server clock an occurred_at may be before it is refused. */
export const MAX_CLOCK_AHEAD_MS = 5 * MINUTE_MS

/** ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`). */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/

/** The correlation id format of the contract. */
export const CORRELATION_ID = /^[A-Za-z0-9._-]{1,64}$/

class Problem extends Error {
  override name = 'Problem'
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`)
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0

function id(source: Record<string, unknown>, key: string, path: string): number {
  const value = source[key]
  if (!isId(value)) throw new Problem(path + key, 'must be a positive integer id')
  return value
}

function optionalId(source: Record<string, unknown>, key: string, path: string): number | undefined {
  return source[key] === undefined || source[key] === null ? undefined : id(source, key, path)
}

function number(source: Record<string, unknown>, key: string, path: string): number {
  const value = source[key]
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Problem(path + key, 'must be a number')
  return value
}

function requiredText(source: Record<string, unknown>, key: string, path: string, max: number): string {
  const text = optionalText(source, key, path, max)
  if (text === undefined) throw new Problem(path + key, 'is required')
  return text
}

function oneOf<T extends string>(source: Record<string, unknown>, key: string, path: string, values: readonly T[]): T | undefined {
  const value = source[key]
  if (value === undefined || value === null) return undefined
  if (!(values as readonly unknown[]).includes(value)) throw new Problem(path + key, `must be one of ${values.join(', ')}`)
  return value as T
}

function uuid(source: Record<string, unknown>, key: string, path: string): string {
  const value = source[key]
  if (!isUuid(value)) throw new Problem(path + key, 'must be a UUID')
  return value.toLowerCase()
}

function bool(source: Record<string, unknown>, key: string, path: string): boolean {
  const value = source[key]
  if (typeof value !== 'boolean') throw new Problem(path + key, 'must be true or false')
  return value
}

function optionalText(source: Record<string, unknown>, key: string, path: string, max: number): string | undefined {
  const value = source[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new Problem(path + key, 'must be a string')
  const text = value.trim()
  if (text.length === 0) return undefined
  if (text.length > max) throw new Problem(path + key, `must be at most ${max} characters`)
  return text
}

const LOT_MAX = 128
const NOTE_MAX = 2000

/** Payload readers per type: each returns the typed payload or throws a Problem naming the field. */
const PAYLOADS: { [T in EventType]: (p: Record<string, unknown>) => ValidEventPayload<T> } = {
  'workorder.start': () => ({}),
  'workorder.pause': (p) => strip({ loss_reason_id: optionalId(p, 'loss_reason_id', 'payload.') }),
  'workorder.produce': (p) =>
    strip({ qty: number(p, 'qty', 'payload.'), lot_name: optionalText(p, 'lot_name', 'payload.', LOT_MAX) }),
  'workorder.finish': (p) =>
    strip({
      qty: number(p, 'qty', 'payload.'),
      qty_basis: oneOf(p, 'qty_basis', 'payload.', FINISH_QTY_BASES),
      lot_name: optionalText(p, 'lot_name', 'payload.', LOT_MAX),
    }),
  'scrap.record': (p) =>
    strip({
      product_id: id(p, 'product_id', 'payload.'),
      qty: number(p, 'qty', 'payload.'),
      lot_name: optionalText(p, 'lot_name', 'payload.', LOT_MAX),
      reason_id: optionalId(p, 'reason_id', 'payload.'),
      note: optionalText(p, 'note', 'payload.', NOTE_MAX),
    }),
  'quality.hold': (p) =>
    strip({
      lot_name: optionalText(p, 'lot_name', 'payload.', LOT_MAX),
      reason_id: id(p, 'reason_id', 'payload.'),
      note: optionalText(p, 'note', 'payload.', NOTE_MAX),
    }),
  'quality.release': (p) =>
    strip({ hold_id: id(p, 'hold_id', 'payload.'), note: optionalText(p, 'note', 'payload.', NOTE_MAX) }),
  'downtime.start': (p) =>
    strip({ loss_reason_id: id(p, 'loss_reason_id', 'payload.'), note: optionalText(p, 'note', 'payload.', NOTE_MAX) }),
  'downtime.end': () => ({}),
  'component.consume': (p) =>
    strip({
      move_id: id(p, 'move_id', 'payload.'),
      qty: number(p, 'qty', 'payload.'),
      lot_name: optionalText(p, 'lot_name', 'payload.', LOT_MAX),
    }),
  'production.close': (p) => ({ backorder: bool(p, 'backorder', 'payload.') }),
  'event.discard': (p) =>
    strip({ event_id: uuid(p, 'event_id', 'payload.'), reason: requiredText(p, 'reason', 'payload.', DISCARD_REASON_MAX) }),
}

const FINISH_QTY_BASES = ['reported', 'planned'] as const

/** The largest employee id a server stores (a PostgreSQL integer in Odoo). */
const MAX_EMPLOYEE_ID = 2 ** 31 - 1

type ValidEventPayload<T extends EventType> = Extract<TerminalEvent, { type: T }>['payload']

/** Drops absent optional fields, so payloads compare and print as the terminal sent them. */
function strip<T extends object>(payload: T): T {
  return Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined)) as T
}

/**
 * Checks one event of a batch (its `id` was checked with the batch). Returns the typed event, or the first
 * field that is wrong: the event is then rejected `invalid_event` and the rest of the batch goes on.
 * `nowMs` is the server's clock read on the device's clock (`deviceNow` in event-time.ts), so the
 * time checks judge the corrected time.
 */
export function validateEvent(raw: Record<string, unknown>, nowMs: number): ValidEvent | FieldProblem {
  try {
    const type = raw.type
    if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
      throw new Problem('type', `must be one of ${EVENT_TYPES.join(', ')}`)
    }
    const workorderId = id(raw, 'workorder_id', '')
    const occurredAt = raw.occurred_at
    const occurredAtMs = typeof occurredAt === 'string' && ISO_WITH_OFFSET.test(occurredAt) ? Date.parse(occurredAt) : NaN
    if (typeof occurredAt !== 'string' || !Number.isFinite(occurredAtMs)) {
      throw new Problem('occurred_at', 'must be an ISO 8601 date-time with an offset, e.g. 2026-11-23T08:01:12.345+01:00')
    }
    if (occurredAtMs > nowMs + MAX_CLOCK_AHEAD_MS) {
      throw new Problem('occurred_at', 'is more than 5 minutes ahead of the server clock: check the device clock')
    }
    const deviceSeq = raw.device_seq
    if (!Number.isSafeInteger(deviceSeq) || (deviceSeq as number) < 0) {
      throw new Problem('device_seq', 'must be an integer >= 0')
    }
    const employeeId = optionalId(raw, 'employee_id', '') ?? null
    const resendOf = raw.resend_of === undefined || raw.resend_of === null ? null : uuid(raw, 'resend_of', '')
    const resolvedBy = optionalId(raw, 'resolved_by', '') ?? null
    if (resolvedBy !== null && resolvedBy > MAX_EMPLOYEE_ID) throw new Problem('resolved_by', `must be at most ${MAX_EMPLOYEE_ID}`)
    const correlation = raw.correlation_id
    const correlationId = typeof correlation === 'string' && CORRELATION_ID.test(correlation) ? correlation : undefined
    if (!isObject(raw.payload)) throw new Problem('payload', 'must be an object')
    const payload = PAYLOADS[type as EventType](raw.payload)
    return {
      id: (raw.id as string).toLowerCase(),
      type,
      workorder_id: workorderId,
      occurred_at: occurredAt,
      occurredAtMs,
      device_seq: deviceSeq as number,
      employee_id: employeeId,
      ...(correlationId === undefined ? {} : { correlation_id: correlationId }),
      ...(resendOf === null ? {} : { resend_of: resendOf, resolved_by: resolvedBy }),
      payload,
    } as ValidEvent
  } catch (error) {
    if (error instanceof Problem) return { field: error.field, reason: error.reason }
    throw error
  }
}

/** True when `value` is a problem, not an event. */
export function isProblem<T extends object>(value: T | FieldProblem): value is FieldProblem {
  return 'field' in value
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True for a UUID of any version: the idempotency keys the server accepts. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}
