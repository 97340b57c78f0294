/**
 * How dates, times, numbers and quantities are written, defined once: screens format with vue-i18n's
 * `d(value, key)` and `n(value, key)`, and Intl writes each language its own way (2:05 PM / 14:05,
 * 1,234.5 / 1.234,5 / 1 234,5). Plural forms follow each language's own rule (French says "0 ordre").
 */
import type { PluralizationRule } from 'vue-i18n'

/**
 * The most decimals a quantity is shown and typed with. Odoo 19 rounds every unit of measure to one
 * precision, "Product Unit" (2 digits unless the admin changed it, `uom.uom._compute_rounding`), and
 * the contract does not carry it: 3 shows whatever Odoo stores with its default precision and hides the
 * float noise of sums made on the tablet (0.1 + 0.2).
 */
export const QTY_MAX_DECIMALS = 3

const DATETIME_FORMATS = {
  /** A clock time today: "2:05 PM", "14:05". */
  time: { hour: '2-digit', minute: '2-digit' },
  /** A moment on another day too: "11/26/26, 2:05 PM", "26.11.26, 14:05". */
  dateTime: { dateStyle: 'short', timeStyle: 'short' },
  /** A day of this season: "Nov 28", "28. Nov.", "28 nov.". */
  dayMonth: { day: 'numeric', month: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>

const NUMBER_FORMATS = {
  /** A quantity in its unit of measure: "1,234.5". */
  qty: { maximumFractionDigits: QTY_MAX_DECIMALS },
  /** A count: "1,234". */
  count: { maximumFractionDigits: 0 },
  /** A duration in whole minutes: "5 min", "5 Min.". */
  minutes: { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 0 },
  /** Storage: "12.3 MB", "12,3 Mo". */
  megabytes: { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 },
} as const satisfies Record<string, Intl.NumberFormatOptions>

export type DateTimeFormatKey = keyof typeof DATETIME_FORMATS
export type NumberFormatKey = keyof typeof NUMBER_FORMATS

/** Bytes in a megabyte as storage estimates count them (MiB: `navigator.storage.estimate()` answers in bytes). */
export const BYTES_PER_MEGABYTE = 1_048_576

/** The same named formats for every language: Intl supplies each language's way of writing them. */
export function datetimeFormatsFor<L extends string>(locales: readonly L[]): Record<L, typeof DATETIME_FORMATS> {
  return Object.fromEntries(locales.map((l) => [l, DATETIME_FORMATS])) as Record<L, typeof DATETIME_FORMATS>
}

/** See datetimeFormatsFor. */
export function numberFormatsFor<L extends string>(locales: readonly L[]): Record<L, typeof NUMBER_FORMATS> {
  return Object.fromEntries(locales.map((l) => [l, NUMBER_FORMATS])) as Record<L, typeof NUMBER_FORMATS>
}

/**
 * vue-i18n's plural choice by the language's CLDR rule (Intl.PluralRules) instead of its English default:
 * messages carry "one | other" (2 forms) or "zero | one | other" (3 forms).
 */
export function pluralRule(locale: string): PluralizationRule {
  const rules = new Intl.PluralRules(locale)
  return (choice, choicesLength) => {
    const one = rules.select(choice) === 'one'
    if (choicesLength >= 3) return choice === 0 ? 0 : one ? 1 : 2
    return one || choicesLength < 2 ? 0 : 1
  }
}

/** pluralRule for each language. */
export function pluralRulesFor<L extends string>(locales: readonly L[]): Record<L, PluralizationRule> {
  return Object.fromEntries(locales.map((l) => [l, pluralRule(l)])) as Record<L, PluralizationRule>
}
