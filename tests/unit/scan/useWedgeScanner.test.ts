// @vitest-environment happy-dom
import { effectScope } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useWedgeScanner } from '../../../src/composables/useWedgeScanner'

function type(target: EventTarget, text: string, gapMs: number, end = 'Enter'): KeyboardEvent[] {
  const events: KeyboardEvent[] = []
  for (const key of [...text, end]) {
    const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
    target.dispatchEvent(e)
    events.push(e)
    vi.advanceTimersByTime(gapMs)
  }
  return events
}

let scope = effectScope()
beforeEach(() => {
  vi.useFakeTimers({ now: 0 })
  document.body.innerHTML = '<button id="b">Start</button><input id="i" type="text">'
  scope = effectScope()
})
afterEach(() => {
  scope.stop()
  vi.useRealTimers()
})

describe('useWedgeScanner', () => {
  it('reports a burst typed anywhere and stops its Enter from reaching a focused button', () => {
    const scans: string[] = []
    scope.run(() => useWedgeScanner({ onScan: (t) => scans.push(t) }))
    const button = document.getElementById('b') as HTMLButtonElement
    const clicks = vi.fn()
    button.addEventListener('keydown', clicks)
    const events = type(button, 'LOT-0001', 5)
    expect(scans).toEqual(['LOT-0001'])
    expect(events.at(-1)?.defaultPrevented).toBe(true)
    expect(clicks).not.toHaveBeenCalled()
  })

  it('leaves typing in a text field alone', () => {
    const scans: string[] = []
    scope.run(() => useWedgeScanner({ onScan: (t) => scans.push(t) }))
    const events = type(document.getElementById('i') as HTMLInputElement, 'LOT-0001', 5)
    expect(scans).toEqual([])
    expect(events.some((e) => e.defaultPrevented)).toBe(false)
  })

  it('stops listening when its scope is disposed', () => {
    const scans: string[] = []
    scope.run(() => useWedgeScanner({ onScan: (t) => scans.push(t) }))
    scope.stop()
    type(document.body, 'LOT-0001', 5)
    expect(scans).toEqual([])
  })
})
