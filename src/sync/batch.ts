import type { OutboxRow } from '../db/rows'

/** Room kept under the server's body limit for the envelope and headers, in bytes. */
const BODY_SLACK_BYTES = 4_096

/**
 * The next batch to send, oldest first: at most `maxBatch` events and `maxBodyBytes` of JSON,
 * skipping every event of a work order in `blocked` (one with an unsettled or dead earlier
 * event) so a work order's events never overtake each other.
 * @param pending pending rows in device_seq order.
 */
export function selectBatch(
  pending: readonly OutboxRow[],
  blocked: ReadonlySet<number>,
  maxBatch: number,
  maxBodyBytes: number,
): OutboxRow[] {
  const batch: OutboxRow[] = []
  let bytes = BODY_SLACK_BYTES
  for (const row of pending) {
    if (blocked.has(row.workorderId)) continue
    const size = JSON.stringify(row.event).length + 1
    if (batch.length >= maxBatch || (batch.length > 0 && bytes + size > maxBodyBytes)) break
    // One batch states one device clock (sent_at): events on both sides of a clock jump go apart.
    if (batch.length > 0 && clockShiftOf(row) !== clockShiftOf(batch[0] as OutboxRow)) break
    batch.push(row)
    bytes += size
  }
  return batch
}

/** The clock shift an event was recorded under (rows from before clock-jump tracking: none). */
export function clockShiftOf(row: OutboxRow): number {
  return row.clockShiftMs ?? 0
}
