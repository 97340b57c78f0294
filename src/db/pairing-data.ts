import type { Dexie } from 'dexie'
import { getDatabase } from './database'
import { getInstructionFileCache } from './instruction-files'
import { PAIRING_STORAGE_KEYS } from './storage-keys'
import { SYNC_STATE_DEFAULTS } from './sync-state'

/**
 * What a sync state keeps across an unpair: `deviceSeq` only, since `device_seq` counts up per terminal
 * and pairing again may bind the same terminal. Everything else describes the old pairing's sync, and
 * goes back to what a device that never synced has.
 */
const { key: _key, deviceSeq: _deviceSeq, ...SYNC_STATE_AFTER_UNPAIR } = SYNC_STATE_DEFAULTS

/**
 * Every IndexedDB database the app defines. Each holds plant data (the pairing, reference data, work
 * orders, events, instruction files), so unpair empties every one: a new database belongs here, and a
 * unit test fails while one is missing.
 */
export function pairingDatabases(): Dexie[] {
  return [getDatabase(), getInstructionFileCache().database]
}

/** Empties every table of `db` in one transaction, but resets the main database's sync state to {@link SYNC_STATE_AFTER_UNPAIR}. */
async function emptyDatabase(db: Dexie): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) {
      if (table.name === 'syncState') await table.update('sync', SYNC_STATE_AFTER_UNPAIR)
      else await table.clear()
    }
  })
}

/**
 * Removes everything this tablet keeps of the plant it was paired with: every IndexedDB database the app
 * defines and the plant's localStorage keys. The app shell (the service worker's precache) and device
 * settings stay. The caller decides whether unsent events allow it: this clears the outbox too.
 */
export async function clearPairingData(storage: Pick<Storage, 'removeItem'> | undefined = globalThis.localStorage): Promise<void> {
  for (const db of pairingDatabases()) await emptyDatabase(db)
  for (const key of PAIRING_STORAGE_KEYS) storage?.removeItem(key)
}
