/**
 * Retry policy of the replayer: exponential backoff with full jitter and a cap
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), so a hall full of
 * tablets coming back online does not hit the server in lockstep.
 */

/** The first retry waits up to this long, in milliseconds. */
export const MIN_DELAY_MS = 1_000
/** No retry waits longer than this, in milliseconds. */
export const MAX_DELAY_MS = 60_000
/** When all is well, the server is asked for news this often, in milliseconds. */
export const POLL_INTERVAL_MS = 30_000

/**
 * The ceiling of the wait after `failures` consecutive failures: MIN_DELAY_MS doubled per failure,
 * capped at MAX_DELAY_MS. Zero failures means no wait.
 */
export function backoffCeiling(failures: number): number {
  if (failures <= 0) return 0
  return Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** Math.min(failures - 1, 30))
}

/**
 * The wait before the next attempt, in milliseconds: uniformly random in [0, ceiling] ("full jitter"),
 * but never shorter than what the server asked for with `Retry-After`.
 * @param random a source in [0, 1), injectable so tests are deterministic.
 */
export function backoffDelay(failures: number, random: () => number, retryAfterMs: number | null = null): number {
  const jittered = Math.floor(random() * backoffCeiling(failures))
  return Math.max(jittered, retryAfterMs ?? 0)
}
