import { describe, expect, it } from 'vitest'
import { isTimeRefusal, localInputValue, MAX_AHEAD_MS, parseLocalInput, retimeProblem } from '../../../src/domain/retime'

const NOW = Date.parse('2026-11-26T10:00:00Z')
const DAY = 24 * 60 * 60_000

describe('time refusals', () => {
  it.each([
    ['occurred_too_old', { field: 'occurred_at', max_age_days: 7 }, true],
    ['operator_time_overlap', { field: 'occurred_at', employee_id: 8 }, true],
    ['workcenter_down', { field: 'occurred_at', downtime_start: 'x', downtime_end: null }, true],
    ['invalid_event', { field: 'payload.qty' }, false],
    ['lot_unknown', undefined, false],
  ])('%s is about time: %s', (_code, details, expected) => {
    expect(isTimeRefusal(details === undefined ? {} : { details })).toBe(expected)
  })

  it('checks a corrected time as the servers judge it', () => {
    const tooOld = { details: { field: 'occurred_at', max_age_days: 7 } }
    expect(retimeProblem(NOW + MAX_AHEAD_MS, NOW, tooOld)).toBeNull()
    expect(retimeProblem(NOW + MAX_AHEAD_MS + 1, NOW, tooOld)).toEqual({ code: 'occurred_in_future' })
    expect(retimeProblem(NOW - 7 * DAY, NOW, tooOld)).toBeNull()
    expect(retimeProblem(NOW - 7 * DAY - 1, NOW, tooOld)).toEqual({ code: 'occurred_too_old', maxAgeDays: 7 })
    // Without the window in the refusal, the tablet leaves the age to the server.
    expect(retimeProblem(NOW - 30 * DAY, NOW, { details: { field: 'occurred_at' } })).toBeNull()
  })

  it('round-trips a date-time field in the device\'s local time', () => {
    const at = Date.parse('2026-11-24T06:05:07Z')
    expect(localInputValue(at)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    expect(parseLocalInput(localInputValue(at))).toBe(at)
    expect(parseLocalInput(localInputValue(at).slice(0, 16))).toBe(at - 7_000)
    expect(parseLocalInput('')).toBeNull()
    expect(parseLocalInput('2026-13-45T25:00')).toBeNull()
    expect(parseLocalInput('yesterday')).toBeNull()
  })
})
