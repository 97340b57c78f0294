import type { ClockEstimate, ClockJumpNote } from './clock'
/** Why replay stopped until a person acts (re-pair the device, update the app). */
export type SyncBlocker = 'token_invalid' | 'token_revoked' | 'client_too_old' | 'not_paired'

/** The one-word state the sync indicator shows. */
export type SyncStatus = 'synced' | 'waiting' | 'offline' | 'attention'

/** Everything the sync indicator and the supervisor screen need, read in one query. */
export interface SyncOverview {
  /** Events recorded but not yet confirmed by the server (including held ones). */
  waiting: number
  /** Of those, the ones held behind a dead-lettered event of the same work order. */
  held: number
  /** Dead letters nobody resolved yet. */
  deadLetters: number
  /** When the oldest waiting event was recorded (epoch ms), or null. */
  oldestWaitingAt: number | null
  /** When a sync cycle last reached the server and finished (epoch ms), or null. */
  lastSyncAt: number | null
  /** When the first of the current run of failed requests happened (epoch ms), or null when online. */
  offlineSince: number | null
  /** When the replay running now started (epoch ms), or null. */
  replayingSince: number | null
  /** Why replay stopped until a person acts, or null. */
  blockedBy: SyncBlocker | null
  /** The last failure's message, for the supervisor screen. */
  lastError: string | null
  /** The device clock against the server's, or null before the first round trip. */
  clock: ClockEstimate | null
  /** The last wall-clock jump the device saw between two events, or null. */
  lastClockJump: ClockJumpNote | null
}

/** Attention beats offline beats waiting: a dead letter needs a person even when the network is down. */
export function deriveSyncStatus(o: SyncOverview): SyncStatus {
  if (o.deadLetters > 0 || o.blockedBy !== null) return 'attention'
  if (o.offlineSince !== null) return 'offline'
  if (o.waiting > 0) return 'waiting'
  return 'synced'
}
