import { DISCARD_REASON_MAX, FINISH_QTY_BASES, type EventType } from '../../src/domain/contract.ts'

/**
 * What the server accepts in an event, field by field: the limits of docs/api.md ("Limits"). Every field is
 * checked for type, range and length before anything reads the database, so no input can reach SQLite (or
 * Odoo's PostgreSQL, which applies the same table in services/event_schema.py) in a shape it would fail on.
 */

/** Ids are PostgreSQL `integer` keys in Odoo: 1..2^31−1. */
export const MAX_ID = 2 ** 31 - 1

/** The largest quantity one event may report, in the product's unit; business caps (tolerance, scrap) come after. */
export const MAX_QTY = 10_000_000

/** Longest lot or serial number (Odoo's `stock.lot.name` shows about 40; GS1 AI 10/21 hold 20). */
export const MAX_LOT_LENGTH = 128

/** Longest note on a scrap, hold or release. */
export const MAX_NOTE_LENGTH = 2000

/**
 * Deepest JSON body accepted, counting each object and array: `{"events":[{"payload":{…}}]}` is 4. Deeper
 * bodies are refused whole (400 `invalid_request`, field `body`) before anything looks inside them.
 */
export const MAX_BODY_DEPTH = 8

/** The first thing wrong with a field: `field` is a path inside the event (`payload.qty`). */
export class FieldInvalid extends Error {
  override name = 'FieldInvalid'
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`)
  }
}

/**
 * Control characters (C0, DEL, C1). NUL is what PostgreSQL refuses outright; the others have no place in a
 * lot name or a note typed on a tablet and would corrupt labels and logs.
 */
const CONTROL = /\p{Cc}/u
/** The same, allowing tabs and line breaks (a note may span lines). */
const CONTROL_IN_TEXT = /(?![\t\n\r])\p{Cc}/u

/** Reads one field; `undefined` means absent (or null, which counts as absent). */
type FieldReader = (value: unknown, field: string) => unknown

const absent = (value: unknown): value is null | undefined => value === undefined || value === null

/** An integer id in 1..{@link MAX_ID}. */
export function readId(value: unknown, field: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > MAX_ID) {
    throw new FieldInvalid(field, `must be an integer id from 1 to ${MAX_ID}`)
  }
  return value as number
}

/** A finite number up to {@link MAX_QTY}; whether it must be above 0 is the business rule's call (`qty_invalid`). */
export function readQty(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new FieldInvalid(field, 'must be a number')
  if (value > MAX_QTY) throw new FieldInvalid(field, `must be at most ${MAX_QTY}`)
  return value
}

/** Trimmed text of at most `max` characters, well-formed Unicode, no control characters (line breaks when `multiline`). */
export function readText(value: unknown, field: string, max: number, multiline = false): string | undefined {
  if (typeof value !== 'string') throw new FieldInvalid(field, 'must be a string')
  if (!value.isWellFormed()) throw new FieldInvalid(field, 'must be well-formed Unicode (a lone surrogate was sent)')
  if ((multiline ? CONTROL_IN_TEXT : CONTROL).test(value)) throw new FieldInvalid(field, 'must not contain control characters')
  const text = value.trim()
  if (text.length > max) throw new FieldInvalid(field, `must be at most ${max} characters`)
  return text.length === 0 ? undefined : text
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True for a UUID of any version: the idempotency keys the server accepts. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/** An event id (a UUID of any version), lower-cased as the ledger keeps it. */
export function readUuid(value: unknown, field: string): string {
  if (!isUuid(value)) throw new FieldInvalid(field, 'must be an event id (a UUID)')
  return value.toLowerCase()
}

function readBool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new FieldInvalid(field, 'must be true or false')
  return value
}

function readQtyBasis(value: unknown, field: string): string {
  if (!(FINISH_QTY_BASES as readonly unknown[]).includes(value)) {
    throw new FieldInvalid(field, `must be one of ${FINISH_QTY_BASES.join(', ')}`)
  }
  return value as string
}

const required =
  (read: FieldReader): FieldReader =>
  (value, field) => {
    if (absent(value)) throw new FieldInvalid(field, 'is required')
    return read(value, field)
  }
const optional =
  (read: FieldReader): FieldReader =>
  (value, field) =>
    absent(value) ? undefined : read(value, field)

const ID = required(readId)
const OPTIONAL_ID = optional(readId)
const QTY = required(readQty)
const OPTIONAL_LOT = optional((value, field) => readText(value, field, MAX_LOT_LENGTH))
const OPTIONAL_NOTE = optional((value, field) => readText(value, field, MAX_NOTE_LENGTH, true))
const UUID_FIELD = required(readUuid)
const BOOL = required(readBool)
const REASON = required((value, field) => {
  const text = readText(value, field, DISCARD_REASON_MAX)
  if (text === undefined) throw new FieldInvalid(field, 'is required')
  return text
})
const OPTIONAL_QTY_BASIS = optional(readQtyBasis)

/** The known payload keys of each event type and how each is read: a key not listed here is refused. */
export const PAYLOAD_FIELDS: { readonly [T in EventType]: Readonly<Record<string, FieldReader>> } = {
  'workorder.start': {},
  'workorder.pause': { loss_reason_id: OPTIONAL_ID },
  'workorder.produce': { qty: QTY, lot_name: OPTIONAL_LOT },
  // the quantity the operator confirmed on screen: required, never the planned fallback (issue 13)
  'workorder.finish': { qty: QTY, qty_basis: OPTIONAL_QTY_BASIS, lot_name: OPTIONAL_LOT },
  'scrap.record': { product_id: ID, qty: QTY, lot_name: OPTIONAL_LOT, reason_id: OPTIONAL_ID, note: OPTIONAL_NOTE },
  'quality.hold': { lot_name: OPTIONAL_LOT, reason_id: ID, note: OPTIONAL_NOTE },
  'quality.release': { hold_id: ID, note: OPTIONAL_NOTE },
  'downtime.start': { loss_reason_id: ID, note: OPTIONAL_NOTE },
  'downtime.end': {},
  'event.discard': { event_id: UUID_FIELD, reason: REASON },
  'component.consume': { move_id: ID, qty: QTY, lot_name: OPTIONAL_LOT },
  'production.close': { backorder: BOOL },
}

/**
 * Reads a payload against its type's table: a flat object of known keys, each valid. Returns the payload with
 * absent optional fields dropped and text trimmed; throws {@link FieldInvalid} naming the first bad field.
 */
export function readPayload(type: EventType, payload: unknown): Record<string, unknown> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new FieldInvalid('payload', 'must be an object')
  }
  const fields = PAYLOAD_FIELDS[type]
  const unknown = Object.keys(payload).find((key) => !Object.hasOwn(fields, key))
  if (unknown !== undefined) {
    throw new FieldInvalid(`payload.${unknown}`, `is not a field of ${type} (known: ${Object.keys(fields).join(', ') || 'none'})`)
  }
  const read: Record<string, unknown> = {}
  for (const [key, reader] of Object.entries(fields)) {
    const value = reader((payload as Record<string, unknown>)[key], `payload.${key}`)
    if (value !== undefined) read[key] = value
  }
  return read
}

/** How deep `value` nests objects and arrays (a scalar is 0), without recursion: a hostile body cannot blow the stack. */
export function jsonDepth(value: unknown): number {
  let deepest = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number]
    if (current === null || typeof current !== 'object') continue
    deepest = Math.max(deepest, depth + 1)
    if (deepest > MAX_BODY_DEPTH) return deepest
    for (const child of Object.values(current)) stack.push([child, depth + 1])
  }
  return deepest
}
