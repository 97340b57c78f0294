import { formatLocalIso } from './time'

/**
 * A supervisor's corrected time for an event the server refused because of its time (docs/api.md,
 * "Resolving a rejected event"). Pure: the dead-letter resend and the supervisor screen both use it.
 */

/** How far ahead of the server clock an event may be dated, in ms: the servers' tolerance (docs/api.md, `occurred_at`); the demo backend refuses with it too. */
export const MAX_AHEAD_MS = 5 * 60_000

const DAY_MS = 24 * 60 * 60_000

/** What a refusal says: its details (the server's `error.details`, kept on the dead letter). */
export interface Refusal {
  details?: Record<string, unknown>
}

/**
 * True when the server refused the event because of its time (`occurred_too_old`,
 * `occurred_before_workorder`, `occurred_before_start`, `operator_time_overlap`, `workcenter_down`
 * judged at `occurred_at`, …): every such refusal names `details.field = 'occurred_at'`, so a resend
 * may correct the time.
 */
export function isTimeRefusal(error: Refusal): boolean {
  return error.details?.field === 'occurred_at'
}

/** Why a corrected time cannot be sent: dated in the future, or older than the server's window. */
export type RetimeProblem = { code: 'occurred_in_future' } | { code: 'occurred_too_old'; maxAgeDays: number }

/**
 * Checks a corrected time (epoch ms) against the device clock `nowMs` as the servers will judge it:
 * not more than {@link MAX_AHEAD_MS} ahead, and not older than the window when the refusal told it
 * (`details.max_age_days` of `occurred_too_old`). Null when it may be sent.
 */
export function retimeProblem(occurredAtMs: number, nowMs: number, refusal: Refusal): RetimeProblem | null {
  if (occurredAtMs > nowMs + MAX_AHEAD_MS) return { code: 'occurred_in_future' }
  const maxAgeDays = refusal.details?.max_age_days
  if (typeof maxAgeDays === 'number' && occurredAtMs < nowMs - maxAgeDays * DAY_MS) return { code: 'occurred_too_old', maxAgeDays }
  return null
}

/** The value of a `datetime-local` field for an instant: the device's local wall time to the second. */
export function localInputValue(ms: number): string {
  return formatLocalIso(new Date(ms)).slice(0, 19)
}

/**
 * Reads a `datetime-local` value (`2026-11-26T08:05` or with seconds) as the device's local time,
 * epoch ms; null when it is empty or not a date-time.
 */
export function parseLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null
  // ECMAScript reads a date-time without an offset as local time, which is what the field shows.
  const ms = new Date(value).getTime()
  return Number.isNaN(ms) ? null : ms
}
