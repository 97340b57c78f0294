/**
 * Editing a quantity on the on-screen numeric pad, as pure functions: the pad's keys change a
 * string (so "2." and "0.50" stay as typed), which is read as a number only when confirmed.
 */

export type PadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '.' | 'back' | 'clear'

export interface PadRules {
  /** Decimals allowed after the point; 0 for whole units. */
  maxDecimals?: number
  /** Longest entry, in characters: a guard against a stuck key. */
  maxLength?: number
}

/** The entry after pressing `key`; keys that would make it invalid leave it unchanged. */
export function pressPadKey(value: string, key: PadKey, rules: PadRules = {}): string {
  const { maxDecimals = 3, maxLength = 9 } = rules
  switch (key) {
    case 'clear':
      return ''
    case 'back':
      return value.slice(0, -1)
    case '.':
      if (maxDecimals === 0 || value.includes('.') || value.length >= maxLength) return value
      return value === '' ? '0.' : `${value}.`
    default: {
      if (value.length >= maxLength) return value
      const point = value.indexOf('.')
      if (point !== -1 && value.length - point - 1 >= maxDecimals) return value
      return value === '0' ? key : `${value}${key}`
    }
  }
}

/** The entry as a number, or null when empty or not a number greater than zero. */
export function padValue(value: string): number | null {
  if (value === '' || value === '.') return null
  const n = Number(value)
  return Number.isFinite(n) && n > 0 ? n : null
}

/**
 * The entry with the language's decimal mark (a comma in German and French). The entry stays a string
 * while typed, so "12." shows as "12," and not as the number 12.
 * @param decimalMark what the quantity format writes between 1 and 5 of 1.5 (decimalMark in NumericPad)
 */
export function displayPadValue(value: string, decimalMark: string): string {
  return value.replace('.', decimalMark)
}
