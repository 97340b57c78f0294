import { isSyncNowMessage, OUTBOX_SYNC_TAG } from '../sw/messages'

/** Which browser signal asked for a sync cycle. */
export type TriggerReason = 'online' | 'visible' | 'background-sync'

type Listenable = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>

/** Where the triggers listen; each is optional so Node tests and old browsers work. */
export interface TriggerSources {
  /** Fires `online`. */
  window?: Listenable | null
  /** Fires `visibilitychange`; `visibilityState` is read when it does. */
  document?: (Listenable & { readonly visibilityState: DocumentVisibilityState }) | null
  /** Fires `message` from the service worker. */
  serviceWorker?: Listenable | null
}

/** The sources of the running page (whatever exists of them). */
export function browserTriggerSources(): TriggerSources {
  return {
    window: typeof window === 'undefined' ? null : window,
    document: typeof document === 'undefined' ? null : document,
    serviceWorker: typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : null,
  }
}

/**
 * Calls `onTrigger` when the network comes back (`online` — a hint only: the request decides),
 * when the page becomes visible again, and when the service worker relays a Background Sync.
 * @returns a function that removes every listener.
 */
export function attachTriggers(onTrigger: (reason: TriggerReason) => void, sources: TriggerSources): () => void {
  const { window: win = null, document: doc = null, serviceWorker = null } = sources
  const onOnline = () => onTrigger('online')
  const onVisibility = () => {
    if (doc?.visibilityState === 'visible') onTrigger('visible')
  }
  const onMessage = (e: Event) => {
    if (isSyncNowMessage((e as MessageEvent<unknown>).data)) onTrigger('background-sync')
  }
  win?.addEventListener('online', onOnline)
  doc?.addEventListener('visibilitychange', onVisibility)
  serviceWorker?.addEventListener('message', onMessage)
  return () => {
    win?.removeEventListener('online', onOnline)
    doc?.removeEventListener('visibilitychange', onVisibility)
    serviceWorker?.removeEventListener('message', onMessage)
  }
}

/** The part of a service worker registration Background Sync adds (not in TypeScript's DOM lib). */
interface SyncCapableRegistration {
  sync?: { register(tag: string): Promise<void> }
}

/**
 * Asks the browser to wake the service worker (which relays a `SYNC_NOW` message to the open tabs) when connectivity returns, where Background Sync
 * exists (Chromium). Never relied on: iOS and Firefox have none, and the other triggers cover them.
 * @returns whether a registration was made.
 */
export async function requestBackgroundSync(
  serviceWorker: Pick<ServiceWorkerContainer, 'ready'> | null = typeof navigator !== 'undefined' && 'serviceWorker' in navigator
    ? navigator.serviceWorker
    : null,
): Promise<boolean> {
  if (!serviceWorker) return false
  try {
    const registration = (await serviceWorker.ready) as unknown as SyncCapableRegistration
    if (!registration.sync) return false
    await registration.sync.register(OUTBOX_SYNC_TAG)
    return true
  } catch {
    // Permission denied or no active worker: the timer and `online` triggers still replay.
    return false
  }
}
