import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Dexie } from 'dexie'
import { beforeEach, describe, expect, it } from 'vitest'
import { setDatabase } from '../../../src/db/database'
import { getInstructionFileCache } from '../../../src/db/instruction-files'
import { clearPairingData, pairingDatabases } from '../../../src/db/pairing-data'
import type { ShopfloorDb } from '../../../src/db/schema'
import { PAIRING_STORAGE_KEYS, WORK_CENTER_STORAGE_KEY } from '../../../src/db/storage-keys'
import type { InstructionAttachment } from '../../../src/domain/contract'
import { configureSync, unpair } from '../../../src/sync'
import { REPLAY_LOCK_NAME } from '../../../src/sync/lock'
import { recordAction } from '../../../src/sync/recorder'
import { updateSyncState } from '../../../src/sync/context'
import { freshDb, seed } from '../sync/fixtures'

const drawing: InstructionAttachment = { id: 31, name: 'Drawing.pdf', mimetype: 'application/pdf', size: 4, checksum: 'a'.repeat(40), offline: true }

/** A localStorage stand-in (the unit project runs in Node). */
function memoryStorage(entries: Record<string, string>) {
  const items = new Map(Object.entries(entries))
  return { removeItem: (key: string) => void items.delete(key), items }
}

async function rowCounts(db: Dexie): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of db.tables) counts[table.name] = await table.count()
  return counts
}

/** Every `class … extends Dexie` in src/: the databases the app defines. */
async function dexieClassesInSource(dir = join(__dirname, '../../../src')): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...(await dexieClassesInSource(path)))
    else if (/\.(ts|vue)$/.test(entry.name)) {
      const text = await readFile(path, 'utf8')
      for (const match of text.matchAll(/class (\w+) extends Dexie\b/g)) found.push(match[1] as string)
      expect(text, `${path} opens a Dexie database without a class: name it and list it in pairingDatabases()`).not.toMatch(/new Dexie\(/)
    }
  }
  return found
}

let db: ShopfloorDb

beforeEach(async () => {
  db = freshDb()
  setDatabase(db)
  // A fresh engine over this test's database; the IndexedDB lease stands for the lock another tab holds.
  configureSync({ locks: null })
  await getInstructionFileCache().database.delete()
  await getInstructionFileCache().database.open()
})

describe('clearPairingData', () => {
  it('lists every IndexedDB database the app defines', async () => {
    const listed = pairingDatabases().map((d) => d.constructor.name)
    expect(listed.sort()).toEqual((await dexieClassesInSource()).sort())
  })

  it('empties every table of every database, the outbox and the instruction files included', async () => {
    await seed(db)
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    await getInstructionFileCache().put(drawing, new Uint8Array([1, 2, 3, 4]).buffer)
    expect(await getInstructionFileCache().get(drawing)).not.toBeNull()

    await clearPairingData(memoryStorage({}))

    for (const database of pairingDatabases()) {
      const counts = await rowCounts(database)
      const expected = Object.fromEntries(Object.keys(counts).map((name) => [name, name === 'syncState' ? 1 : 0]))
      expect(counts, database.name).toEqual(expected)
    }
    expect(await getInstructionFileCache().get(drawing)).toBeNull()
  })

  it('keeps only the terminal event counter of the sync state', async () => {
    await seed(db)
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    await updateSyncState(db, { cursor: 'c9', lastError: 'boom', lastSyncAt: 5, referenceHash: 'h' })
    const before = await db.syncState.get('sync')

    await clearPairingData(memoryStorage({}))

    expect(await db.syncState.get('sync')).toMatchObject({ deviceSeq: before?.deviceSeq, cursor: null, lastError: null, lastSyncAt: null, referenceHash: null })
    expect(before?.deviceSeq).toBeGreaterThan(0)
  })

  it('removes the plant keys of localStorage and keeps the device settings', async () => {
    const storage = memoryStorage({ [WORK_CENTER_STORAGE_KEY]: '3', 'shopfloor.locale': 'de', 'shopfloor.deviceName': 'Tablet 4' })

    await clearPairingData(storage)

    for (const key of PAIRING_STORAGE_KEYS) expect(storage.items.has(key)).toBe(false)
    expect([...storage.items.keys()].sort()).toEqual(['shopfloor.deviceName', 'shopfloor.locale'])
  })
})

describe('unpair', () => {
  it('clears nothing while an event has not reached the server, and says how many wait', async () => {
    await seed(db)
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    await getInstructionFileCache().put(drawing, new Uint8Array([1, 2, 3, 4]).buffer)

    expect(await unpair()).toEqual({ kind: 'kept', waiting: 1 })

    expect(await db.session.count()).toBe(1)
    expect(await db.outbox.count()).toBe(1)
    expect(await getInstructionFileCache().keptIds()).toEqual([31])
  })

  it('forgets the pairing and the instruction files once every event was accepted', async () => {
    await seed(db)
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    await db.outbox.toCollection().modify({ status: 'done' })
    await getInstructionFileCache().put(drawing, new Uint8Array([1, 2, 3, 4]).buffer)

    expect(await unpair()).toEqual({ kind: 'cleared' })

    expect(await db.session.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.workOrders.count()).toBe(0)
    expect(await getInstructionFileCache().keptIds()).toEqual([])
  })

  it('clears nothing while another tab syncs (it holds the replay lock), so no pull lands after the clear', async () => {
    await seed(db)
    await db.leases.put({ name: REPLAY_LOCK_NAME, owner: 'another tab', expiresAt: Date.now() + 60_000 })
    await getInstructionFileCache().put(drawing, new Uint8Array([1, 2, 3, 4]).buffer)

    expect(await unpair()).toEqual({ kind: 'busy' })

    expect(await db.session.count()).toBe(1)
    expect(await getInstructionFileCache().keptIds()).toEqual([31])
  })
})
