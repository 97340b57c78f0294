import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ScanDeduper } from '../../../src/scan/dedupe'
import { ScanBus } from '../../../src/scan/scan-bus'

describe('ScanDeduper', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('lets a code through once while it stays in view', () => {
    const d = new ScanDeduper({ windowMs: 1000 })
    const seen: boolean[] = []
    for (let i = 0; i < 30; i++) {
      seen.push(d.accept('LOT-0001'))
      vi.advanceTimersByTime(100)
    }
    expect(seen.filter(Boolean)).toHaveLength(1)
  })

  it('lets it through again after it was out of view longer than the window', () => {
    const d = new ScanDeduper({ windowMs: 1000 })
    expect(d.accept('A')).toBe(true)
    vi.advanceTimersByTime(1000)
    expect(d.accept('A')).toBe(false)
    vi.advanceTimersByTime(1001)
    expect(d.accept('A')).toBe(true)
  })

  it('treats different codes independently and forgets on clear()', () => {
    const d = new ScanDeduper({ windowMs: 1000 })
    expect(d.accept('A')).toBe(true)
    expect(d.accept('B')).toBe(true)
    expect(d.accept('A')).toBe(false)
    d.clear()
    expect(d.accept('A')).toBe(true)
  })
})

describe('ScanBus', () => {
  it('offers a scan to the newest handler first, then the ones beneath', () => {
    const bus = new ScanBus()
    const log: string[] = []
    bus.subscribe((s) => (log.push(`screen:${s.text}`), true))
    const closeDialog = bus.subscribe((s) => (log.push(`dialog:${s.text}`), s.text.startsWith('LOT')))
    expect(bus.publish({ text: 'LOT-1', source: 'wedge' })).toBe(true)
    expect(bus.publish({ text: '0418', source: 'camera' })).toBe(true)
    closeDialog()
    bus.publish({ text: 'LOT-2', source: 'manual' })
    expect(log).toEqual(['dialog:LOT-1', 'dialog:0418', 'screen:0418', 'screen:LOT-2'])
  })

  it('reports a scan nobody takes', () => {
    expect(new ScanBus().publish({ text: 'x', source: 'wedge' })).toBe(false)
  })
})
