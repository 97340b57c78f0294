import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { isLocale, matchLocale, showLocale, type Locale } from '../i18n'
import { useSessionStore } from './session'

const DEVICE_LOCALE_KEY = 'shopfloor.locale'

/** The language to show: the signed-in operator's, else the device's choice, else the browser's, else English. */
export function effectiveLocale(operatorLang: string | null | undefined, deviceLocale: Locale | null, browserLanguage: string | null | undefined): Locale {
  return matchLocale(operatorLang) ?? deviceLocale ?? matchLocale(browserLanguage) ?? 'en'
}

/** The screen language: per operator (operator.lang), switched when operators switch. */
export const useLocaleStore = defineStore('locale', () => {
  const session = useSessionStore()
  /** The language picked on this device, used when the operator has none. */
  const deviceLocale = ref<Locale | null>(readDeviceLocale())
  /** The language shown now. */
  const locale = computed(() => effectiveLocale(session.operator?.lang, deviceLocale.value, globalThis.navigator?.language))

  watch(
    locale,
    (l) => {
      void showLocale(l)
      if (typeof document !== 'undefined') document.documentElement.lang = l
    },
    { immediate: true },
  )

  /** Choose the device's language (kept on this device). */
  function choose(l: Locale): void {
    deviceLocale.value = l
    localStorage.setItem(DEVICE_LOCALE_KEY, l)
  }

  return { deviceLocale, locale, choose }
})

function readDeviceLocale(): Locale | null {
  const stored = globalThis.localStorage?.getItem(DEVICE_LOCALE_KEY)
  return isLocale(stored) ? stored : null
}

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useLocaleStore, import.meta.hot))
