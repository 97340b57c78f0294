// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PwaRegistrationError, registerPwa, type PwaRegistration } from '../../../src/pwa/register-pwa'
import { usePwa } from '../../../src/pwa/usePwa'
import { FakeWorkbox } from './fake-workbox'

const INTERVAL_MS = 60_000

describe('registerPwa', () => {
  let log: string[]
  let workbox: FakeWorkbox
  let registration: PwaRegistration | null

  async function register(): Promise<void> {
    registration = await registerPwa({
      enabled: true,
      updateCheckIntervalMs: INTERVAL_MS,
      createWorkbox: async (url) => {
        log.push(`create:${url}`)
        return workbox
      },
      reload: () => log.push('reload'),
    })
  }

  beforeEach(() => {
    vi.useFakeTimers()
    log = []
    workbox = new FakeWorkbox(log)
    registration = null
  })

  afterEach(() => {
    registration?.dispose()
    vi.useRealTimers()
  })

  it('registers sw.js next to the page', async () => {
    await register()
    expect(log).toEqual(['create:./sw.js', 'register'])
  })

  it('does nothing when disabled (dev server, no service worker support)', async () => {
    registration = await registerPwa({ enabled: false, createWorkbox: async () => workbox })
    expect(registration).toBeNull()
    expect(log).toEqual([])
  })

  it('announces a waiting version and never reloads by itself', async () => {
    await register()
    const pwa = usePwa()
    workbox.emit('waiting', { isUpdate: true })
    await vi.advanceTimersByTimeAsync(10 * INTERVAL_MS)
    expect(pwa.needRefresh.value).toBe(true)
    expect(log).not.toContain('reload')
    expect(log).not.toContain('skipWaiting')
  })

  it('activates the waiting version on applyUpdate and reloads once it controls the page', async () => {
    await register()
    workbox.emit('waiting', { isUpdate: true })
    usePwa().applyUpdate()
    log.push('--')
    workbox.emit('controlling', { isUpdate: true })
    expect(log).toEqual(['create:./sw.js', 'register', 'skipWaiting', '--', 'reload'])
  })

  it('takes the first install as "ready offline", without a reload or an update notice', async () => {
    await register()
    const pwa = usePwa()
    workbox.emit('activated', { isUpdate: false })
    workbox.emit('controlling', { isUpdate: false })
    expect(pwa.offlineReady.value).toBe(true)
    expect(pwa.needRefresh.value).toBe(false)
    expect(log).not.toContain('reload')
  })

  it('offers a plain reload once another tab activated the waiting version', async () => {
    await register()
    const pwa = usePwa()
    workbox.emit('waiting', { isUpdate: true })
    workbox.emit('controlling', { isUpdate: true })
    expect(pwa.needRefresh.value).toBe(true)
    expect(log).not.toContain('reload')
    pwa.applyUpdate()
    expect(log.slice(-1)).toEqual(['reload'])
    expect(log).not.toContain('skipWaiting')
  })

  it('logs a refused registration and leaves nothing running', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    workbox.register = async () => {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    }
    await register()
    expect(registration).toBeNull()
    expect(warn.mock.calls[0]?.[0]).toBeInstanceOf(PwaRegistrationError)
    await vi.advanceTimersByTimeAsync(2 * INTERVAL_MS)
    expect(log).not.toContain('update')
    warn.mockRestore()
  })

  it('hides the notice on dismissUpdate', async () => {
    await register()
    const pwa = usePwa()
    workbox.emit('waiting', { isUpdate: true })
    pwa.dismissUpdate()
    expect(pwa.needRefresh.value).toBe(false)
  })

  it('checks for a new version every interval, when the page becomes visible and when back online', async () => {
    await register()
    await vi.advanceTimersByTimeAsync(2 * INTERVAL_MS)
    log.push('--')
    document.dispatchEvent(new Event('visibilitychange'))
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(0)
    expect(log).toEqual(['create:./sw.js', 'register', 'update', 'update', '--', 'update', 'update'])
  })

  it('keeps checking after a failed check (offline)', async () => {
    await register()
    workbox.offline = true
    await vi.advanceTimersByTimeAsync(INTERVAL_MS)
    workbox.offline = false
    await vi.advanceTimersByTimeAsync(INTERVAL_MS)
    expect(log.filter((entry) => entry === 'update')).toHaveLength(2)
  })

  it('stops checking and forgets its state on dispose', async () => {
    await register()
    workbox.emit('waiting', { isUpdate: true })
    registration?.dispose()
    registration = null
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS)
    expect(log).not.toContain('update')
    expect(usePwa().needRefresh.value).toBe(false)
  })
})
