import type { EventType } from './contract'

/**
 * The device clock against the server's: the offset estimate (NTP's minimum-delay filter over the
 * last few round trips) and the jump detector (wall clock against the monotonic clock). Pure: the
 * sync layer feeds it times and stores what it returns.
 *
 * Offset = server clock − device clock, in milliseconds: positive when the tablet is slow.
 */

/** One round trip: the device clock when the request left and when the answer came, and the server's clock in between. */
export interface ClockReading {
  /** Device epoch ms just before the request was sent. */
  sentAt: number
  /** Device epoch ms when the response headers arrived. */
  receivedAt: number
  /** Server epoch ms from the response's `X-Server-Time`. */
  serverTime: number
}

/** The offset one round trip shows: the truth lies within `offsetMs ± boundMs`. */
export interface ClockSample {
  offsetMs: number
  /** Half the round trip: the server read its clock somewhere inside it. */
  boundMs: number
  /** Device epoch ms when it was measured. */
  at: number
}

/** The running estimate, as kept in IndexedDB. */
export interface ClockEstimate {
  /** Server clock − device clock, in ms. */
  offsetMs: number
  /** The error bound of `offsetMs` when it was measured, in ms. */
  boundMs: number
  /** Device epoch ms of the sample the estimate comes from. */
  measuredAt: number
  /** The recent samples the estimate chooses from, newest last. */
  samples: ClockSample[]
}

/** How many recent samples the estimate chooses from. */
export const MAX_SAMPLES = 8
/** Samples older than this are forgotten, in ms: the clock drifts, a fresh wide sample beats an old narrow one. */
export const SAMPLE_MAX_AGE_MS = 60 * 60_000
/** How fast a quartz clock may drift, as a fraction (100 ppm = 8.6 s a day): an old sample's bound widens by its age times this. */
export const MAX_DRIFT = 100e-6
/** A round trip longer than this says nothing useful about the offset, in ms (a stalled request). */
export const MAX_ROUND_TRIP_MS = 30_000
/** The offset from which the tablet warns that its clock is wrong, in ms. */
export const OFFSET_WARNING_MS = 60_000
/**
 * How much the wall clock may move apart from the monotonic clock between two events before it
 * counts as a jump, in ms: well above NTP slewing (at most 0.5 ms/s), well below a time-zone or
 * battery-reset jump.
 */
export const CLOCK_JUMP_TOLERANCE_MS = 2 * 60_000

/** The sample one round trip gives, or null when the round trip is negative (the device clock moved meanwhile) or too long. */
export function sampleOf(reading: ClockReading): ClockSample | null {
  const roundTrip = reading.receivedAt - reading.sentAt
  if (!(roundTrip >= 0) || roundTrip > MAX_ROUND_TRIP_MS || !Number.isFinite(reading.serverTime)) return null
  const half = roundTrip / 2
  return { offsetMs: Math.round(reading.serverTime - (reading.sentAt + half)), boundMs: Math.ceil(half), at: reading.receivedAt }
}

/** A sample's bound at device time `now`: its half round trip plus what the clock may have drifted since. */
function boundAt(sample: ClockSample, now: number): number {
  return sample.boundMs + Math.ceil(Math.abs(now - sample.at) * MAX_DRIFT)
}

/** True when two samples cannot both be right: their intervals do not meet. */
function disagree(a: ClockSample, b: ClockSample): boolean {
  return Math.abs(a.offsetMs - b.offsetMs) > boundAt(a, b.at) + b.boundMs
}

/**
 * Adds one sample to the estimate. Samples whose interval does not meet the new one's are dropped:
 * the device clock was set (or jumped) since, and the newest sample is the one that describes the
 * clock now. Of the rest (recent ones only), the tightest bound wins, so a slow round trip (an outlier)
 * never moves an estimate that a fast one made.
 */
export function addSample(estimate: ClockEstimate | null, sample: ClockSample): ClockEstimate {
  const kept = (estimate?.samples ?? []).filter((s) => sample.at - s.at <= SAMPLE_MAX_AGE_MS && s.at <= sample.at && !disagree(s, sample))
  const samples = [...kept, sample].slice(-MAX_SAMPLES)
  const best = samples.reduce((a, b) => (boundAt(b, sample.at) <= boundAt(a, sample.at) ? b : a))
  return { offsetMs: best.offsetMs, boundMs: boundAt(best, sample.at), measuredAt: best.at, samples }
}

/** True when the estimate says the device clock is off by `thresholdMs` or more, beyond doubt. */
export function clockIsOff(estimate: ClockEstimate | null, thresholdMs: number = OFFSET_WARNING_MS): boolean {
  return estimate !== null && Math.abs(estimate.offsetMs) - estimate.boundMs >= thresholdMs
}

/** Where and when an event was recorded, on both clocks. */
export interface ClockAnchor {
  /** Device wall clock, epoch ms. */
  wallMs: number
  /** `performance.now()`: only comparable within one page. */
  monoMs: number
  /** The page the monotonic reading belongs to. */
  pageId: string
}

/**
 * How far the wall clock jumped between two events, in ms (positive: set forward), or null when it
 * kept pace with the monotonic clock within the tolerance, or when the two readings come from
 * different pages (a reload restarts `performance.now()`, so there is nothing to compare).
 */
export function clockJump(previous: ClockAnchor | null, current: ClockAnchor, toleranceMs: number = CLOCK_JUMP_TOLERANCE_MS): number | null {
  if (previous === null || previous.pageId !== current.pageId) return null
  const jump = current.wallMs - previous.wallMs - (current.monoMs - previous.monoMs)
  return Math.abs(jump) > toleranceMs ? Math.round(jump) : null
}

/** A wall-clock jump the device saw, for the supervisor screen. */
export interface ClockJumpNote {
  /** How far the wall clock moved apart from the monotonic clock, in ms (positive: set forward). */
  jumpMs: number
  /** The first event recorded after it (marked `clock_jump_ms`). */
  eventId: string
  type: EventType
  workorderId: number
  /** Device epoch ms of that event. */
  at: number
}

/** How the screens put the device clock: unknown, on time, or so many hours and minutes fast or slow. */
export type ClockReport =
  | { kind: 'unknown' }
  | { kind: 'onTime' }
  | { kind: 'fast' | 'slow'; hours: number; minutes: number }

/** The screens' reading of an estimate: "fast" when the device is ahead of the server. */
export function clockReport(estimate: ClockEstimate | null): ClockReport {
  if (estimate === null) return { kind: 'unknown' }
  if (!clockIsOff(estimate)) return { kind: 'onTime' }
  const total = Math.round(Math.abs(estimate.offsetMs) / 60_000)
  return { kind: estimate.offsetMs < 0 ? 'fast' : 'slow', hours: Math.floor(total / 60), minutes: total % 60 }
}
