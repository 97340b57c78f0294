/**
 * vue-i18n in composition mode with English, German and French. The language follows the signed-in
 * operator (`operator.lang`), else the last one chosen on this device, else the browser's.
 */
import { createI18n } from 'vue-i18n'
import en, { type MessageSchema } from './en'
import { datetimeFormatsFor, numberFormatsFor, pluralRulesFor } from './formats'

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
    // German and French are separate chunks (precached, so they load offline too): a new tablet's
    // first download carries English only, see loadLocale.
    messages: { en } as Record<Locale, MessageSchema>,
    datetimeFormats: datetimeFormatsFor(LOCALES),
    numberFormats: numberFormatsFor(LOCALES),
    pluralRules: pluralRulesFor(LOCALES),
    missingWarn: false,
    fallbackWarn: false,
  })
}

/** The app's one i18n instance: components use `useI18n()`, stores use `i18n.global.t`. */
export const i18n = createAppI18n()

const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<{ default: MessageSchema }>> = {
  de: () => import('./de'),
  fr: () => import('./fr'),
}

/** Makes `locale`'s messages available (fetched once), then shows it. English is always there. */
export async function showLocale(locale: Locale, target = i18n): Promise<void> {
  if (locale !== 'en' && !target.global.availableLocales.includes(locale)) {
    target.global.setLocaleMessage(locale, (await LOADERS[locale]()).default)
  }
  target.global.locale.value = locale
}
