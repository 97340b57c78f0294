import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ERROR_NOTICE_TIMEOUT_MS, NOTICE_CARRY_MS, NOTICE_TIMEOUT_MS, useFeedbackStore } from '../../../src/stores/feedback'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 })
  setActivePinia(createPinia())
})
afterEach(() => {
  vi.useRealTimers()
})

const texts = () => useFeedbackStore().notices.map((n) => n.text())

describe('notices', () => {
  it('close themselves: confirmations after NOTICE_TIMEOUT_MS, errors after ERROR_NOTICE_TIMEOUT_MS', () => {
    const feedback = useFeedbackStore()
    feedback.notify('success', () => 'Started')
    feedback.notify('error', () => 'Not recognised')
    vi.advanceTimersByTime(NOTICE_TIMEOUT_MS - 1)
    expect(texts()).toEqual(['Started', 'Not recognised'])
    vi.advanceTimersByTime(1)
    expect(texts()).toEqual(['Not recognised'])
    vi.advanceTimersByTime(ERROR_NOTICE_TIMEOUT_MS - NOTICE_TIMEOUT_MS)
    expect(texts()).toEqual([])
  })

  it('can be closed by hand before their time', () => {
    const feedback = useFeedbackStore()
    const id = feedback.notify('info', () => 'Lot LOT-5')
    feedback.dismiss(id)
    expect(texts()).toEqual([])
    vi.advanceTimersByTime(NOTICE_TIMEOUT_MS)
    expect(texts()).toEqual([])
  })

  it('keep at most two on screen, the newest', () => {
    const feedback = useFeedbackStore()
    for (const text of ['one', 'two', 'three']) feedback.notify('info', () => text)
    expect(texts()).toEqual(['two', 'three'])
  })

  it('stay behind when the operator leaves the screen, except the one that sent them there', () => {
    const feedback = useFeedbackStore()
    feedback.notify('error', () => 'Not recognised: 0418')
    vi.advanceTimersByTime(NOTICE_CARRY_MS + 1)
    feedback.notify('success', () => 'Hello Anna Schmidt')
    feedback.leaveScreen()
    expect(texts()).toEqual(['Hello Anna Schmidt'])
    vi.advanceTimersByTime(NOTICE_CARRY_MS + 1)
    feedback.leaveScreen()
    expect(texts()).toEqual([])
  })
})
