import { describe, expect, it } from 'vitest'
import { attachTriggers, requestBackgroundSync, type TriggerReason } from '../../../src/sync/triggers'
import { OUTBOX_SYNC_TAG } from '../../../src/sw/messages'

describe('attachTriggers', () => {
  it('names the signal, ignores other service worker messages, and detaches every listener', () => {
    const win = new EventTarget()
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState })
    const sw = new EventTarget()
    const seen: TriggerReason[] = []
    const detach = attachTriggers((reason) => seen.push(reason), { window: win, document: doc, serviceWorker: sw })

    win.dispatchEvent(new Event('online'))
    doc.dispatchEvent(new Event('visibilitychange'))
    sw.dispatchEvent(new MessageEvent('message', { data: { type: 'SKIP_WAITING' } }))
    sw.dispatchEvent(new MessageEvent('message', { data: { type: 'SYNC_NOW', tag: OUTBOX_SYNC_TAG } }))
    detach()
    win.dispatchEvent(new Event('online'))

    expect(seen).toEqual(['online', 'visible', 'background-sync'])
  })
})

describe('requestBackgroundSync', () => {
  it('registers the outbox tag where the browser has Background Sync', async () => {
    const tags: string[] = []
    const ready = Promise.resolve({ sync: { register: async (tag: string) => void tags.push(tag) } } as unknown as ServiceWorkerRegistration)

    expect(await requestBackgroundSync({ ready })).toBe(true)
    expect(tags).toEqual([OUTBOX_SYNC_TAG])
  })

  it('answers false without Background Sync, without a service worker, or when registering fails', async () => {
    expect(await requestBackgroundSync({ ready: Promise.resolve({} as ServiceWorkerRegistration) })).toBe(false)
    expect(await requestBackgroundSync(null)).toBe(false)
    const refusing = Promise.resolve({ sync: { register: () => Promise.reject(new Error('denied')) } } as unknown as ServiceWorkerRegistration)
    expect(await requestBackgroundSync({ ready: refusing })).toBe(false)
  })
})
