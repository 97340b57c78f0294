import type { ShopfloorDb } from '../db/schema'
import { addSample, sampleOf, type ClockEstimate, type ClockReading } from '../domain/clock'
import { readSyncState } from './context'

/**
 * Folds the round trips of one sync cycle into the stored clock estimate, in one transaction, so
 * it survives reloads and outages. Readings that say nothing (negative or stalled round trips) are
 * skipped; nothing is written when none is left.
 */
export async function saveClockReadings(db: ShopfloorDb, readings: readonly ClockReading[]): Promise<ClockEstimate | null> {
  const samples = readings.flatMap((r) => sampleOf(r) ?? [])
  return db.transaction('rw', db.syncState, async () => {
    const state = await readSyncState(db)
    if (samples.length === 0) return state.clock
    const clock = samples.reduce<ClockEstimate | null>((estimate, sample) => addSample(estimate, sample), state.clock)
    await db.syncState.put({ ...state, clock })
    return clock
  })
}
