/// <reference lib="webworker" />
import type { SyncNowMessage } from './messages'

/**
 * Background Sync's `sync` event (Chromium only; not yet in TypeScript's lib).
 * https://developer.mozilla.org/en-US/docs/Web/API/SyncEvent
 */
export interface SyncEvent extends ExtendableEvent {
  readonly tag: string
  readonly lastChance: boolean
}

/**
 * The outbox lives in the page's IndexedDB and only the page's replayer (holding the Web Lock)
 * sends it, so the worker's part is to wake the open windows. With no window open there is
 * nothing to do: the app replays when it starts.
 * @returns how many windows were asked.
 */
export async function askWindowsToSync(clients: Clients, tag: string): Promise<number> {
  const windows = await clients.matchAll({ type: 'window', includeUncontrolled: true })
  const message: SyncNowMessage = { type: 'SYNC_NOW', tag }
  for (const client of windows) client.postMessage(message)
  return windows.length
}
