/** Options of a {@link FailureLimiter}. */
export interface FailureLimiterOptions {
  /** Failures allowed per key within the window. */
  maxFailures: number
  /** Length of the sliding window, in milliseconds. */
  windowMs: number
  /** Clock, epoch ms. */
  now: () => number
}

/**
 * Counts failures per key (a client address) in a sliding window, to slow down guessing. Lives in memory:
 * a restart forgets, which costs an attacker a restart per 10 guesses.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>()
  constructor(private readonly options: FailureLimiterOptions) {}

  private recent(key: string): number[] {
    const since = this.options.now() - this.options.windowMs
    const times = (this.failures.get(key) ?? []).filter((t) => t > since)
    if (times.length === 0) this.failures.delete(key)
    else this.failures.set(key, times)
    return times
  }

  /** Seconds until `key` may try again, or 0 when it may now. */
  retryAfterSeconds(key: string): number {
    const times = this.recent(key)
    if (times.length < this.options.maxFailures) return 0
    const oldest = times[times.length - this.options.maxFailures] as number
    return Math.max(1, Math.ceil((oldest + this.options.windowMs - this.options.now()) / 1000))
  }

  /** Counts one failure of `key`. */
  recordFailure(key: string): void {
    this.failures.set(key, [...this.recent(key), this.options.now()])
  }
}
