import type { FieldProblem, ValidEvent } from './validate-event.ts'

/** The clocks of one batch: when the server received it and how far the device's clock is from the server's. */
export interface BatchClock {
  /** Server epoch ms at receipt. */
  receivedAt: number
  /** Server clock − device clock (receipt − `sent_at`), in ms; 0 for a batch without `sent_at` (an older terminal), which is not corrected. */
  skewMs: number
}

/** An event with its time on both clocks: `occurredAtMs` is the corrected one, which the appliers write. */
export type TimedEvent = ValidEvent & {
  /** `occurred_at` as the device stated it, epoch ms. */
  deviceOccurredAtMs: number
  /** The wall-clock jump the device saw before this event, or null. */
  clockJumpMs: number | null
}

/** ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`), as for `occurred_at`. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/

/**
 * The batch's clock from its `sent_at`. Absent means an older terminal (no correction); present
 * but not a date-time is the client's bug, refused for the whole batch since no event's time can be trusted.
 */
export function batchClock(sentAt: unknown, receivedAt: number): BatchClock | FieldProblem {
  if (sentAt === undefined || sentAt === null) return { receivedAt, skewMs: 0 }
  const sentAtMs = typeof sentAt === 'string' && ISO_WITH_OFFSET.test(sentAt) ? Date.parse(sentAt) : NaN
  if (!Number.isFinite(sentAtMs)) {
    return { field: 'sent_at', reason: 'must be an ISO 8601 date-time with an offset, e.g. 2026-11-23T08:01:12.345Z' }
  }
  return { receivedAt, skewMs: receivedAt - sentAtMs }
}

/**
 * The server's clock read on the device's clock: what the device's `occurred_at` values are judged
 * against, so that "ahead of the server" means ahead after the correction.
 */
export function deviceNow(clock: BatchClock): number {
  return clock.receivedAt - clock.skewMs
}

/**
 * Corrects one event's time by the batch's skew (`occurred_at + (receipt − sent_at)`): a clock that
 * was consistently wrong while offline is still wrong by the same amount when the batch leaves. Also
 * reads the device's `clock_jump_ms` mark.
 */
export function timedEvent(event: ValidEvent, raw: Record<string, unknown>, clock: BatchClock): TimedEvent | FieldProblem {
  const jump = raw.clock_jump_ms
  if (jump !== undefined && jump !== null && !Number.isSafeInteger(jump)) {
    return { field: 'clock_jump_ms', reason: 'must be an integer number of milliseconds' }
  }
  return {
    ...event,
    occurredAtMs: event.occurredAtMs + clock.skewMs,
    deviceOccurredAtMs: event.occurredAtMs,
    clockJumpMs: typeof jump === 'number' ? jump : null,
  }
}
