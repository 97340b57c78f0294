/** Formats epoch milliseconds as ISO 8601 in UTC (`Z` is the offset), the wire format of every time. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString()
}

/** {@link toIso} for nullable columns. */
export function toIsoOrNull(ms: number | null): string | null {
  return ms === null ? null : toIso(ms)
}

/** Milliseconds in one minute: durations on the wire are minutes. */
export const MINUTE_MS = 60_000
/** Milliseconds in one hour. */
export const HOUR_MS = 60 * MINUTE_MS
/** Milliseconds in one day. */
export const DAY_MS = 24 * HOUR_MS
