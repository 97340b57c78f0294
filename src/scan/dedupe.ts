/**
 * Continuous camera scanning reads the same label many times a second while it stays in view.
 * The deduper lets a code through once, then again only after it was out of sight for `windowMs`.
 */
export interface DedupeOptions {
  /** How long a code must be unseen before it counts again, in milliseconds. */
  windowMs?: number
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number
}

export class ScanDeduper {
  private readonly windowMs: number
  private readonly now: () => number
  private readonly lastSeen = new Map<string, number>()

  constructor(options: DedupeOptions = {}) {
    const { windowMs = 1500, now = () => Date.now() } = options
    this.windowMs = windowMs
    this.now = now
  }

  /** True when this sighting of `text` is a new scan; every sighting restarts its window. */
  accept(text: string): boolean {
    const t = this.now()
    const last = this.lastSeen.get(text)
    this.lastSeen.set(text, t)
    for (const [code, at] of this.lastSeen) if (t - at > this.windowMs) this.lastSeen.delete(code)
    return last === undefined || t - last > this.windowMs
  }

  /** Forget everything seen (e.g. when the scanner reopens). */
  clear(): void {
    this.lastSeen.clear()
  }
}
