import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { WedgeDetector, type WedgeDecision, type WedgeOptions } from '../../../src/scan/wedge-detector'

/** Types `keys` one after the other, `gapMs` apart, and logs each decision and scan. */
function harness(options: WedgeOptions = {}) {
  const log: string[] = []
  const detector = new WedgeDetector(options, (code) => log.push(`scan:${code}`))
  const press = (key: string, extra: { inEditable?: boolean; ctrlKey?: boolean } = {}): WedgeDecision =>
    detector.handleKey({ key, inEditable: extra.inEditable ?? false, ctrlKey: extra.ctrlKey })
  const type = (keys: string[], gapMs: number, inEditable = false): WedgeDecision[] =>
    keys.map((key, i) => {
      if (i > 0) vi.advanceTimersByTime(gapMs)
      return press(key, { inEditable })
    })
  return { log, detector, press, type }
}

const chars = (s: string) => [...s]

beforeEach(() => {
  vi.useFakeTimers({ now: 0 })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('WedgeDetector outside text fields', () => {
  it('reports a fast burst ended by Enter and consumes its keys', () => {
    const { log, type } = harness()
    const decisions = type([...chars('LOT-0001'), 'Enter'], 8)
    expect(log).toEqual(['scan:LOT-0001'])
    expect(decisions.every((d) => d === 'consume')).toBe(true)
  })

  it('accepts Tab as the terminator too', () => {
    const { log, type } = harness()
    type([...chars('041800001'), 'Tab'], 5)
    expect(log).toEqual(['scan:041800001'])
  })

  it('starts over after a pause longer than maxGapMs, keeping only the fast tail', () => {
    const { log, type } = harness({ maxGapMs: 50 })
    type(chars('ab'), 200)
    vi.advanceTimersByTime(51)
    type([...chars('XYZ1'), 'Enter'], 10)
    expect(log).toEqual(['scan:XYZ1'])
  })

  it('does not report slow typing followed by Enter, and lets that Enter through', () => {
    const { log, type } = harness({ maxGapMs: 50 })
    const decisions = type([...chars('abcd'), 'Enter'], 120)
    expect(log).toEqual([])
    expect(decisions.at(-1)).toBe('pass')
  })

  it('lets a lone Enter through (a person pressing a focused button)', () => {
    const { log, press } = harness()
    expect(press('Enter')).toBe('pass')
    expect(log).toEqual([])
  })

  it('lets a lone Space through, but keeps spaces inside a burst', () => {
    const { log, press, type } = harness()
    expect(press(' ')).toBe('pass')
    vi.advanceTimersByTime(500)
    type([...chars('A B C'), 'Enter'], 5)
    expect(log).toEqual(['scan:A B C'])
  })

  it('ignores bursts shorter than minLength', () => {
    const { log, type } = harness({ minLength: 4 })
    expect(type([...chars('abc'), 'Enter'], 5).at(-1)).toBe('pass')
    expect(log).toEqual([])
  })

  it('turns Ctrl+] into the GS1 separator and ignores Shift', () => {
    const { log, detector } = harness()
    const keys = [']', 'C', '1', '0', '1', 'Shift', 'A', 'x']
    for (const key of keys) {
      detector.handleKey({ key, inEditable: false })
      vi.advanceTimersByTime(3)
    }
    detector.handleKey({ key: ']', ctrlKey: true, inEditable: false })
    vi.advanceTimersByTime(3)
    detector.handleKey({ key: '1', inEditable: false })
    vi.advanceTimersByTime(3)
    detector.handleKey({ key: 'Enter', inEditable: false })
    expect(log).toEqual(['scan:]C101Ax\u001d1'])
  })

  it('ignores other modifier shortcuts such as Ctrl+C', () => {
    const { log, detector } = harness()
    expect(detector.handleKey({ key: 'c', ctrlKey: true, inEditable: false })).toBe('pass')
    expect(log).toEqual([])
  })

  it('removes a configured suffix and requires it', () => {
    const { log, type } = harness({ suffix: '#' })
    type([...chars('LOT-1#'), 'Enter'], 5)
    vi.advanceTimersByTime(500)
    type([...chars('LOT-2'), 'Enter'], 5)
    expect(log).toEqual(['scan:LOT-1'])
  })

  it('uses the configured terminators only', () => {
    const { log, type } = harness({ terminators: ['F12'] })
    type([...chars('LOT-1'), 'Enter'], 5)
    vi.advanceTimersByTime(500)
    type([...chars('LOT-2'), 'F12'], 5)
    expect(log).toEqual(['scan:LOT-2'])
  })

  it('reset() drops a burst in progress', () => {
    const { log, type, detector, press } = harness()
    type(chars('LOT'), 5)
    detector.reset()
    press('Enter')
    expect(log).toEqual([])
  })
})

describe('WedgeDetector in text fields', () => {
  it('never steals typing without a prefix: every key passes and no scan is reported', () => {
    const { log, type } = harness()
    const decisions = type([...chars('LOT-0001'), 'Enter'], 5, true)
    expect(decisions.every((d) => d === 'pass')).toBe(true)
    expect(log).toEqual([])
  })

  it('with a prefix, captures a prefixed scan even inside a field', () => {
    const { log, type } = harness({ prefix: '§§' })
    const decisions = type([...chars('§§LOT-7'), 'Enter'], 5, true)
    expect(log).toEqual(['scan:LOT-7'])
    expect(decisions.every((d) => d === 'consume')).toBe(true)
  })

  it('with a prefix, lets ordinary typing through', () => {
    const { log, type } = harness({ prefix: '§' })
    expect(type([...chars('hello'), 'Enter'], 5, true).every((d) => d === 'pass')).toBe(true)
    expect(log).toEqual([])
  })

  it('with a prefix, a burst without it outside fields is no scan', () => {
    const { log, type } = harness({ prefix: '§' })
    type([...chars('LOT-8'), 'Enter'], 5)
    expect(log).toEqual([])
  })

  it('with a prefix, a prefix followed by a pause is dropped', () => {
    const { log, type, press } = harness({ prefix: '§', maxGapMs: 50 })
    press('§')
    vi.advanceTimersByTime(100)
    type([...chars('LOT-9'), 'Enter'], 5)
    expect(log).toEqual([])
  })
})
