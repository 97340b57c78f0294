import { EVENT_TYPES, type EventType, type TerminalEvent } from '../../src/domain/contract.ts'
import { MAX_AHEAD_MS } from '../../src/domain/retime.ts'
import { FieldInvalid, readId, readPayload, readUuid } from './payload-schema.ts'

/** An event whose fields all have the right types, with its time parsed. */
export type ValidEvent = TerminalEvent & { occurredAtMs: number }

/** The first thing wrong with an event: `field` is a path inside the event (`payload.qty`). */
export interface FieldProblem {
  field: string
  reason: string
}

/** ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`). */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/

/** The correlation id format of the contract. */
export const CORRELATION_ID = /^[A-Za-z0-9._-]{1,64}$/

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
      throw new FieldInvalid('type', `must be one of ${EVENT_TYPES.join(', ')}`)
    }
    const workorderId = readId(raw.workorder_id, 'workorder_id')
    const occurredAt = raw.occurred_at
    const occurredAtMs = typeof occurredAt === 'string' && ISO_WITH_OFFSET.test(occurredAt) ? Date.parse(occurredAt) : NaN
    if (typeof occurredAt !== 'string' || !Number.isFinite(occurredAtMs)) {
      throw new FieldInvalid('occurred_at', 'must be an ISO 8601 date-time with an offset, e.g. 2026-11-23T08:01:12.345+01:00')
    }
    if (occurredAtMs > nowMs + MAX_AHEAD_MS) {
      throw new FieldInvalid('occurred_at', 'is more than 5 minutes ahead of the server clock: check the device clock')
    }
    const deviceSeq = raw.device_seq
    if (!Number.isSafeInteger(deviceSeq) || (deviceSeq as number) < 0) {
      throw new FieldInvalid('device_seq', 'must be an integer >= 0')
    }
    const employeeId = raw.employee_id === undefined || raw.employee_id === null ? null : readId(raw.employee_id, 'employee_id')
    const resendOf = raw.resend_of === undefined || raw.resend_of === null ? null : readUuid(raw.resend_of, 'resend_of')
    const resolvedBy = raw.resolved_by === undefined || raw.resolved_by === null ? null : readId(raw.resolved_by, 'resolved_by')
    const correlation = raw.correlation_id
    if (correlation !== undefined && correlation !== null && !(typeof correlation === 'string' && CORRELATION_ID.test(correlation))) {
      throw new FieldInvalid('correlation_id', 'must be 1 to 64 characters of A-Z a-z 0-9 . _ -')
    }
    const correlationId = typeof correlation === 'string' ? correlation : undefined
    const payload = readPayload(type as EventType, raw.payload)
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
    if (error instanceof FieldInvalid) return { field: error.field, reason: error.reason }
    throw error
  }
}

/** True when `value` is a problem, not an event. */
export function isProblem<T extends object>(value: T | FieldProblem): value is FieldProblem {
  return 'field' in value
}

export { isUuid } from './payload-schema.ts'
