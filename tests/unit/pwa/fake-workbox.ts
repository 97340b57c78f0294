import type { WorkboxLike } from '../../../src/pwa/register-pwa'

type WorkboxEventType = Parameters<WorkboxLike['addEventListener']>[0]
type WorkboxEvent = { isUpdate?: boolean; isExternal?: boolean }

/**
 * Stands in for workbox-window's Workbox, the edge to the browser's service worker API.
 * Everything the shell asks of it goes to `log`, in order, next to the test's own entries.
 */
export class FakeWorkbox implements WorkboxLike {
  /** When true, `update()` fails the way a fetch does with no network. */
  offline = false
  private readonly listeners = new Map<WorkboxEventType, Array<(event: WorkboxEvent) => void>>()

  constructor(readonly log: string[]) {}

  addEventListener(type: WorkboxEventType, listener: (event: WorkboxEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }

  /** Fires a life-cycle event as the browser would. */
  emit(type: WorkboxEventType, event: WorkboxEvent = {}): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event)
  }

  async register(): Promise<void> {
    this.log.push('register')
  }

  async update(): Promise<void> {
    this.log.push('update')
    if (this.offline) throw new TypeError('Failed to fetch')
  }

  messageSkipWaiting(): void {
    this.log.push('skipWaiting')
  }
}
