/**
 * Keyboard-wedge scanners type the code as a burst of keystrokes, a few milliseconds apart, ended
 * by Enter or Tab. This detector tells such a burst from a person typing, key by key, without the
 * DOM: the caller feeds it keys and gets back whether to let each key through.
 */

/** FNC1, which GS1-capable wedge scanners send as Ctrl+] (ASCII 29, GS). */
const GS = '\u001d'

export interface WedgeKey {
  /** `KeyboardEvent.key`. */
  key: string
  ctrlKey?: boolean
  altKey?: boolean
  metaKey?: boolean
  /** True when the key goes to a text field, where typing must reach the field untouched. */
  inEditable: boolean
}

/** `pass`: leave the key to the page; `consume`: it belongs to a scan, stop it (preventDefault). */
export type WedgeDecision = 'pass' | 'consume'

export interface WedgeOptions {
  /**
   * Characters the scanner is set to send before each code ('' = none). With a prefix, scans are
   * recognised inside text fields too, and only prefixed bursts count as scans. Choose characters
   * nobody types (e.g. `§`): they are held back while a prefix might be starting.
   */
  prefix?: string
  /** Characters the scanner sends after each code, before the terminator ('' = none); removed from the code. */
  suffix?: string
  /** Keys that end a scan (`KeyboardEvent.key` values). */
  terminators?: readonly string[]
  /** Longest pause between two keys of one scan, in milliseconds; a slower key starts over. */
  maxGapMs?: number
  /** Shortest code accepted, in characters (prefix and suffix excluded). */
  minLength?: number
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number
}

export const DEFAULT_WEDGE_OPTIONS = {
  prefix: '',
  suffix: '',
  terminators: ['Enter', 'Tab'],
  maxGapMs: 80,
  minLength: 3,
} as const

/** The character a key adds to a code, or null for keys that add none (Shift, arrows…). */
function charOf(k: WedgeKey): string | null {
  if (k.key === GS || (k.ctrlKey === true && k.key === ']')) return GS
  if (k.ctrlKey === true || k.altKey === true || k.metaKey === true) return null
  return k.key.length === 1 ? k.key : null
}

/** Detects keyboard-wedge scans in a stream of keys; see the module comment. */
export class WedgeDetector {
  private readonly prefix: string
  private readonly suffix: string
  private readonly terminators: readonly string[]
  private readonly maxGapMs: number
  private readonly minLength: number
  private readonly now: () => number
  private buffer = ''
  /** How many characters of the prefix have been seen. */
  private prefixSeen = 0
  private lastAt: number | null = null

  /** @param onScan called with the code (prefix and suffix removed) when a scan ends. */
  constructor(
    options: WedgeOptions,
    private readonly onScan: (code: string) => void,
  ) {
    const {
      prefix = DEFAULT_WEDGE_OPTIONS.prefix,
      suffix = DEFAULT_WEDGE_OPTIONS.suffix,
      terminators = DEFAULT_WEDGE_OPTIONS.terminators,
      maxGapMs = DEFAULT_WEDGE_OPTIONS.maxGapMs,
      minLength = DEFAULT_WEDGE_OPTIONS.minLength,
      now = () => Date.now(),
    } = options
    this.prefix = prefix
    this.suffix = suffix
    this.terminators = terminators
    this.maxGapMs = maxGapMs
    this.minLength = minLength
    this.now = now
  }

  /** Forget a burst in progress. */
  reset(): void {
    this.buffer = ''
    this.prefixSeen = 0
  }

  private get capturing(): boolean {
    return this.prefix !== '' && this.prefixSeen === this.prefix.length
  }

  /** Feed one keydown; returns whether the key belongs to a scan. */
  handleKey(k: WedgeKey): WedgeDecision {
    const t = this.now()
    if (this.lastAt !== null && t - this.lastAt > this.maxGapMs) this.reset()
    this.lastAt = t
    if (this.terminators.includes(k.key)) return this.finish(k)
    const ch = charOf(k)
    if (ch === null) return 'pass'
    if (this.prefix !== '' && !this.capturing) return this.matchPrefix(ch)
    if (this.capturing) {
      this.buffer += ch
      return 'consume'
    }
    if (k.inEditable) return 'pass'
    // A lone space may be a person pressing a focused button; inside a burst it is part of the code.
    if (ch === ' ' && this.buffer === '') return 'pass'
    this.buffer += ch
    return 'consume'
  }

  private matchPrefix(ch: string): WedgeDecision {
    if (this.prefix[this.prefixSeen] === ch) {
      this.prefixSeen++
      return 'consume'
    }
    this.reset()
    return 'pass'
  }

  private finish(k: WedgeKey): WedgeDecision {
    const prefixOk = this.prefix === '' ? !k.inEditable : this.capturing
    const suffixOk = this.buffer.endsWith(this.suffix)
    const code = this.buffer.slice(0, this.buffer.length - this.suffix.length)
    this.reset()
    if (!prefixOk || !suffixOk || code.length < this.minLength) return 'pass'
    this.onScan(code)
    return 'consume'
  }
}

/** True when keys sent to this target are typing (text inputs, text areas, editable content). */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (!(target instanceof HTMLInputElement)) return false
  return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image'].includes(target.type)
}
