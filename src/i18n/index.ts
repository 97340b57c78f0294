/**
 * vue-i18n in composition mode with English, German and French. The language follows the signed-in
 * operator (`operator.lang`), else the last one chosen on this device, else the browser's.
 */
import { createI18n } from 'vue-i18n'
import de from './de'
import en, { type MessageSchema } from './en'
import fr from './fr'

export const LOCALES = ['en', 'de', 'fr'] as const
export type Locale = (typeof LOCALES)[number]

/** True for a language this terminal speaks. */
export function isLocale(value: string | null | undefined): value is Locale {
  return LOCALES.some((l) => l === value)
}

/** The supported language closest to a BCP 47 tag (`de-AT` → `de`), or null. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  const base = tag?.toLowerCase().split(/[-_]/)[0]
  return isLocale(base) ? base : null
}

/** Build the app's i18n instance. */
export function createAppI18n(locale: Locale = 'en') {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, de, fr },
    // Times and numbers are formatted with Intl directly, in the store of each screen.
    missingWarn: false,
    fallbackWarn: false,
  })
}

/** The app's one i18n instance: components use `useI18n()`, stores use `i18n.global.t`. */
export const i18n = createAppI18n()
