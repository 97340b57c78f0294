// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BeforeInstallPromptEvent } from '../../../src/pwa/pwa-state'
import { resetPwaState } from '../../../src/pwa/pwa-state'
import { watchInstallPrompt } from '../../../src/pwa/install-prompt'
import { usePwa } from '../../../src/pwa/usePwa'

/** A `beforeinstallprompt` as Chromium fires it; the answer is the user's click in the browser's dialog. */
function installPromptEvent(answer: 'accepted' | 'dismissed', log: string[]): BeforeInstallPromptEvent {
  return Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
    prompt: async () => {
      log.push('prompt')
    },
    userChoice: Promise.resolve({ outcome: answer, platform: 'web' }),
  })
}

describe('install prompt', () => {
  let stop: () => void
  let log: string[]

  beforeEach(() => {
    resetPwaState()
    log = []
    stop = watchInstallPrompt(window)
  })

  afterEach(() => stop())

  it('keeps the browser prompt for the install button instead of the mini-infobar', () => {
    const event = installPromptEvent('accepted', log)
    window.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(true)
    expect(usePwa().canInstall.value).toBe(true)
  })

  it('shows the prompt once on install() and reports the answer', async () => {
    window.dispatchEvent(installPromptEvent('dismissed', log))
    const pwa = usePwa()
    await expect(pwa.install()).resolves.toBe('dismissed')
    expect(log).toEqual(['prompt'])
    expect(pwa.canInstall.value).toBe(false)
    await expect(pwa.install()).resolves.toBe('unavailable')
    expect(log).toEqual(['prompt'])
  })

  it('drops the prompt once the app is installed', () => {
    window.dispatchEvent(installPromptEvent('accepted', log))
    window.dispatchEvent(new Event('appinstalled'))
    expect(usePwa().canInstall.value).toBe(false)
  })

  it('stops listening when stopped', () => {
    stop()
    window.dispatchEvent(installPromptEvent('accepted', log))
    expect(usePwa().canInstall.value).toBe(false)
  })

  it('reads the display mode: a browser tab is not standalone', () => {
    expect(usePwa().isStandalone.value).toBe(false)
  })
})
