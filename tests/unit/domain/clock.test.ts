import { describe, expect, it } from 'vitest'
import {
  addSample,
  clockIsOff,
  clockJump,
  clockReport,
  MAX_DRIFT,
  MAX_ROUND_TRIP_MS,
  MAX_SAMPLES,
  SAMPLE_MAX_AGE_MS,
  sampleOf,
  type ClockEstimate,
  type ClockSample,
} from '../../../src/domain/clock'

const T = Date.parse('2026-11-26T08:00:00.000Z')
const MIN = 60_000

/** A round trip of `roundTrip` ms starting at device time `at`, the server reading its clock `serverAfter` ms in. */
function sample(at: number, offset: number, roundTrip: number, serverAfter = roundTrip / 2): ClockSample {
  const s = sampleOf({ sentAt: at, receivedAt: at + roundTrip, serverTime: at + serverAfter + offset })
  if (!s) throw new Error('no sample')
  return s
}

function feed(samples: ClockSample[]): ClockEstimate {
  return samples.reduce<ClockEstimate | null>((e, s) => addSample(e, s), null) as ClockEstimate
}

describe('sampleOf', () => {
  it('puts the offset in the middle of the round trip and bounds it by half the round trip', () => {
    // The tablet is 10 minutes fast: the server reads 10 minutes less.
    expect(sampleOf({ sentAt: T, receivedAt: T + 200, serverTime: T + 100 - 10 * MIN })).toEqual({ offsetMs: -10 * MIN, boundMs: 100, at: T + 200 })
  })

  it('bounds the truth wherever in the round trip the server read its clock', () => {
    for (const serverAfter of [0, 37, 400]) {
      const s = sample(T, 3 * 60 * MIN, 400, serverAfter)
      expect(Math.abs(s.offsetMs - 3 * 60 * MIN)).toBeLessThanOrEqual(s.boundMs)
    }
  })

  it('gives nothing for a round trip that runs backwards (the clock was set meanwhile) or stalls', () => {
    expect(sampleOf({ sentAt: T, receivedAt: T - 5, serverTime: T })).toBeNull()
    expect(sampleOf({ sentAt: T, receivedAt: T + MAX_ROUND_TRIP_MS + 1, serverTime: T })).toBeNull()
    expect(sampleOf({ sentAt: T, receivedAt: T + 10, serverTime: Number.NaN })).toBeNull()
  })
})

describe('addSample', () => {
  it('keeps the tightest round trip: a slow answer (an outlier) does not move the estimate', () => {
    const fast = sample(T, -10 * MIN, 40)
    // 4 s round trip, the server answering at its very start: the midpoint is 2 s off.
    const slow = sample(T + 1000, -10 * MIN, 4000, 0)
    const estimate = feed([fast, slow])
    expect(estimate.offsetMs).toBe(-10 * MIN)
    // The fast sample's 20 ms, widened by 100 ppm of the 4.96 s since it was taken.
    expect(estimate.boundMs).toBe(20 + Math.ceil(4960 * MAX_DRIFT))
    expect(estimate.samples).toHaveLength(2)
  })

  it('lets a newer tighter sample take over', () => {
    const estimate = feed([sample(T, 5000, 800), sample(T + MIN, 5100, 60)])
    expect(estimate).toMatchObject({ offsetMs: 5100, boundMs: 30, measuredAt: T + MIN + 60 })
  })

  it('widens an old sample by what the clock may have drifted since, so a fresh one wins in time', () => {
    const old = sample(T, 1000, 20)
    const later = T + 50 * MIN
    const estimate = feed([old, sample(later, 1050, 400)])
    // 50 minutes at 100 ppm = 300 ms of possible drift on top of 10 ms: the fresh 200 ms bound is tighter.
    expect(estimate.offsetMs).toBe(1050)
  })

  it('forgets samples that contradict the newest: the device clock was set since', () => {
    const before = feed([sample(T, 0, 20), sample(T + 1000, 0, 30)])
    const after = addSample(before, sample(T + 3 * 60 * MIN + 2000, -3 * 60 * MIN, 500))
    expect(after.offsetMs).toBe(-3 * 60 * MIN)
    expect(after.samples).toHaveLength(1)
  })

  it('forgets samples older than the age limit and keeps at most the last few', () => {
    const aged = addSample(feed([sample(T, 0, 10)]), sample(T + SAMPLE_MAX_AGE_MS + 1000, 0, 900))
    expect(aged.samples).toHaveLength(1)
    expect(aged.boundMs).toBe(450)
    const many = feed(Array.from({ length: MAX_SAMPLES + 3 }, (_, i) => sample(T + i * 1000, 0, 100 + i)))
    expect(many.samples).toHaveLength(MAX_SAMPLES)
    expect(many.samples[0]?.at).toBe(T + 3 * 1000 + 103)
  })
})

describe('clockIsOff', () => {
  it('warns only when the offset exceeds the threshold beyond its error bound', () => {
    expect(clockIsOff(null)).toBe(false)
    expect(clockIsOff(feed([sample(T, -10 * MIN, 100)]))).toBe(true)
    expect(clockIsOff(feed([sample(T, 3000, 100)]))).toBe(false)
    expect(clockIsOff(feed([sample(T, 61_000, 4000)]))).toBe(false)
  })
})

describe('clockReport', () => {
  it('says fast when the device is ahead of the server, slow when behind, in hours and minutes', () => {
    expect(clockReport(null)).toEqual({ kind: 'unknown' })
    expect(clockReport(feed([sample(T, 2000, 100)]))).toEqual({ kind: 'onTime' })
    expect(clockReport(feed([sample(T, -10 * MIN, 100)]))).toEqual({ kind: 'fast', hours: 0, minutes: 10 })
    expect(clockReport(feed([sample(T, 3 * 60 * MIN + 20_000, 100)]))).toEqual({ kind: 'slow', hours: 3, minutes: 0 })
  })
})

describe('clockJump', () => {
  const at = (wallMs: number, monoMs: number, pageId = 'p1') => ({ wallMs, monoMs, pageId })

  it('finds the wall clock set back or forward between two events, by how much', () => {
    expect(clockJump(at(T, 1000), at(T + 5 * MIN - 3 * 60 * MIN, 1000 + 5 * MIN))).toBe(-3 * 60 * MIN)
    expect(clockJump(at(T, 1000), at(T + 20 * MIN, 1000 + 5 * MIN))).toBe(15 * MIN)
  })

  it('ignores time that passed the same on both clocks, and small slews', () => {
    expect(clockJump(at(T, 0), at(T + 8 * 60 * MIN, 8 * 60 * MIN))).toBeNull()
    expect(clockJump(at(T, 0), at(T + 10 * MIN + 30_000, 10 * MIN))).toBeNull()
  })

  it('cannot compare across a reload or without an earlier event', () => {
    expect(clockJump(null, at(T, 0))).toBeNull()
    expect(clockJump(at(T, 50_000, 'p1'), at(T - 60 * MIN, 10, 'p2'))).toBeNull()
  })
})
