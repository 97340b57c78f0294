/**
 * The messages between the pages and the service worker: the one place both sides take them from.
 * Plain data, no DOM or worker APIs, so the app (src/pwa, src/sync) and the worker can import it.
 */

/** Page → worker: the operator accepted the update; activate the waiting worker now. */
export interface SkipWaitingMessage {
  type: 'SKIP_WAITING'
}

/**
 * Worker → every open window: the browser fired Background Sync (the network is back), replay
 * the outbox now. `tag` is the tag the page registered with `registration.sync.register(tag)`.
 */
export interface SyncNowMessage {
  type: 'SYNC_NOW'
  tag: string
}

/** The tag the app registers for Background Sync to replay the outbox. */
export const OUTBOX_SYNC_TAG = 'shopfloor-outbox'

/** True when `data` (a `message` event's payload) is a {@link SkipWaitingMessage}. */
export function isSkipWaitingMessage(data: unknown): data is SkipWaitingMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING'
}

/** True when `data` (a `message` event's payload) is a {@link SyncNowMessage}. */
export function isSyncNowMessage(data: unknown): data is SyncNowMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SYNC_NOW'
}
