import { describe, expect, test } from 'vitest'
import { judgeClose, judgeStart, type OperatorLine } from '../../../src/domain/operator-lines.ts'

const MIN = 60_000
const line = (workOrderId: number, start: number, end: number | null, workCenterId = 1): OperatorLine => ({
  workOrderId,
  workCenterId,
  start: start * MIN,
  end: end === null ? null : end * MIN,
})

describe('judgeStart', () => {
  test('no other time: the start opens its line and closes nothing', () => {
    expect(judgeStart([], 10 * MIN, [1])).toEqual({ ok: true, close: [] })
  })

  test('a line that ended at or before the start is history, not an overlap', () => {
    expect(judgeStart([line(1, 0, 10)], 10 * MIN, [1])).toEqual({ ok: true, close: [] })
  })

  test('a running line that started earlier on this terminal is closed at the start (a switch)', () => {
    const running = line(1, 0, null)
    expect(judgeStart([running], 10 * MIN, [1])).toEqual({ ok: true, close: [running] })
  })

  test('a start inside a closed line overlaps it', () => {
    const closed = line(1, 0, 20)
    expect(judgeStart([closed], 10 * MIN, [1])).toEqual({ ok: false, overlap: { line: closed, reason: 'inside_line' } })
  })

  test('a start before a line that started later overlaps it, running or closed', () => {
    for (const later of [line(1, 20, null), line(1, 20, 30)]) {
      expect(judgeStart([later], 10 * MIN, [1])).toEqual({ ok: false, overlap: { line: later, reason: 'before_later_line' } })
    }
  })

  test('a line running on another terminal’s work center is not closed from here', () => {
    const elsewhere = line(7, 0, null, 2)
    expect(judgeStart([elsewhere], 10 * MIN, [1])).toEqual({ ok: false, overlap: { line: elsewhere, reason: 'running_elsewhere' } })
  })

  test('the first overlap wins over switches found before it', () => {
    const running = line(1, 0, null)
    const later = line(2, 20, 30)
    expect(judgeStart([running, later], 10 * MIN, [1])).toMatchObject({ ok: false, overlap: { line: later } })
  })
})

describe('judgeClose', () => {
  test('closing over nothing else is fine', () => {
    expect(judgeClose([line(2, 0, 5)], 10 * MIN, 30 * MIN)).toBeUndefined()
  })

  test('closing over another line of the operator overlaps it', () => {
    const inside = line(2, 15, 20)
    expect(judgeClose([inside], 10 * MIN, 30 * MIN)).toEqual({ line: inside, reason: 'inside_line' })
  })

  test('a line that starts exactly when this one closes does not overlap', () => {
    expect(judgeClose([line(2, 30, null)], 10 * MIN, 30 * MIN)).toBeUndefined()
  })
})
