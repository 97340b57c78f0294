import type { SyncStateRow } from './rows'

/** The sync state of a device that never synced: what a field never written, or newer than the row, reads as. */
export const SYNC_STATE_DEFAULTS: SyncStateRow = {
  key: 'sync',
  deviceSeq: 0,
  cursor: null,
  lastSyncAt: null,
  offlineSince: null,
  replayingSince: null,
  blockedBy: null,
  lastError: null,
  referenceHash: null,
  clock: null,
  clockAnchor: null,
  lastClockJump: null,
  clockShiftMs: 0,
}
