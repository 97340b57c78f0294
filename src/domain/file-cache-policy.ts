/** A file kept for offline use, as the eviction policy sees it. */
export interface CachedFileEntry {
  id: number
  /** Bytes. */
  size: number
  /** When it was last stored or opened, epoch ms. */
  lastUsedAt: number
}

/**
 * Which entries to drop so that `incomingBytes` more fit under `capBytes`: the least recently used first,
 * and no more than needed. An incoming file larger than the cap on its own drops nothing (it is not kept).
 */
export function entriesToEvict(entries: readonly CachedFileEntry[], incomingBytes: number, capBytes: number): number[] {
  if (incomingBytes > capBytes) return []
  let total = entries.reduce((sum, entry) => sum + entry.size, 0) + incomingBytes
  const evicted: number[] = []
  for (const entry of [...entries].sort((a, b) => a.lastUsedAt - b.lastUsedAt || a.id - b.id)) {
    if (total <= capBytes) break
    evicted.push(entry.id)
    total -= entry.size
  }
  return evicted
}
