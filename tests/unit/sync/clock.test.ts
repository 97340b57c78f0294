import { describe, expect, it } from 'vitest'
import { readSyncState } from '../../../src/sync/context'
import { saveClockReadings } from '../../../src/sync/clock'
import { ShopfloorDb } from '../../../src/db/schema'
import { freshDb } from './fixtures'

const T = Date.parse('2026-11-26T08:00:00.000Z')
const TEN_MIN = 10 * 60_000

describe('saveClockReadings', () => {
  it('keeps the estimate in IndexedDB across instances (a reload) and refines it with later round trips', async () => {
    const db = freshDb()
    await saveClockReadings(db, [{ sentAt: T, receivedAt: T + 400, serverTime: T + 200 - TEN_MIN }])

    db.close()
    const reopened = new ShopfloorDb(db.name)
    const later = await saveClockReadings(reopened, [
      { sentAt: T + 5000, receivedAt: T + 5040, serverTime: T + 5020 - TEN_MIN },
      { sentAt: T + 6000, receivedAt: T + 6000 - 1, serverTime: T },
    ])

    expect(later).toMatchObject({ offsetMs: -TEN_MIN, boundMs: 20 })
    expect((await readSyncState(reopened)).clock).toEqual(later)
    expect(later?.samples).toHaveLength(2)
  })

  it('reads a sync row written before the clock fields existed with no estimate, and writes nothing without a reading', async () => {
    const db = freshDb()
    // As version 1.0 wrote it: no clock fields.
    const legacy = { key: 'sync', deviceSeq: 4, cursor: 'c', lastSyncAt: null, offlineSince: null, replayingSince: null, blockedBy: null, lastError: null, referenceHash: null }
    await db.syncState.put(legacy as Parameters<typeof db.syncState.put>[0])

    expect(await saveClockReadings(db, [])).toBeNull()
    expect(await readSyncState(db)).toMatchObject({ deviceSeq: 4, cursor: 'c', clock: null, clockAnchor: null })
  })
})
