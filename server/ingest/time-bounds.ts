import { DAY_MS } from '../db/time.ts'
import { EventRejected } from './rejection.ts'

/**
 * Is the time an event says it happened possible? A tablet whose clock reset would otherwise cost decades of
 * labour into a work order. Each check takes the event's *effective* time (today its occurred_at; a server
 * that corrects device clock skew passes the corrected time), so time is judged in one place. Odoo applies
 * the same rules in services/event_time_bounds.py.
 */

/** Events older than this many days are refused (Odoo: the terminal's "Oldest event accepted" setting). */
export const DEFAULT_MAX_EVENT_AGE_DAYS = 7

/** Refuses an effective time older than `maxAgeDays` before the server clock. */
export function checkEventTime(effectiveMs: number, nowMs: number, maxAgeDays = DEFAULT_MAX_EVENT_AGE_DAYS): void {
  if (effectiveMs < nowMs - maxAgeDays * DAY_MS) {
    throw new EventRejected(
      'occurred_too_old',
      `This event happened more than ${maxAgeDays} days ago: a supervisor can resend it with the right time.`,
      { field: 'occurred_at', occurred_at: new Date(effectiveMs).toISOString(), max_age_days: maxAgeDays },
    )
  }
}

/** Refuses closing a time line (a timer, a downtime) before it started, instead of logging a zero-length line. */
export function assertClosesAfterStart(effectiveMs: number, startedMs: number | undefined): void {
  if (startedMs !== undefined && effectiveMs < startedMs) {
    throw new EventRejected(
      'occurred_before_start',
      'This event happened before the time it closes started: check the device clock, then a supervisor can resend it with the right time.',
      { field: 'occurred_at', occurred_at: new Date(effectiveMs).toISOString(), started_at: new Date(startedMs).toISOString() },
    )
  }
}
