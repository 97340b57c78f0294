import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { DEFAULT_WEDGE_OPTIONS } from '../scan/wedge-detector'

const KEY = 'shopfloor.wedge'

/** How this device's hardware scanner is set up (a device setting, kept in localStorage). */
export interface WedgeSettings {
  prefix: string
  suffix: string
  /** Longest pause between two keys of one scan, in milliseconds. */
  maxGapMs: number
}

const DEFAULTS: WedgeSettings = {
  prefix: DEFAULT_WEDGE_OPTIONS.prefix,
  suffix: DEFAULT_WEDGE_OPTIONS.suffix,
  maxGapMs: DEFAULT_WEDGE_OPTIONS.maxGapMs,
}

/** Read stored settings, keeping only well-formed fields (a bad value falls back to the default). */
export function parseWedgeSettings(json: string | null): WedgeSettings {
  let stored: unknown = null
  try {
    stored = json === null ? null : JSON.parse(json)
  } catch {
    stored = null
  }
  const s = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {}
  return {
    prefix: typeof s.prefix === 'string' ? s.prefix : DEFAULTS.prefix,
    suffix: typeof s.suffix === 'string' ? s.suffix : DEFAULTS.suffix,
    maxGapMs: typeof s.maxGapMs === 'number' && s.maxGapMs >= 5 && s.maxGapMs <= 500 ? s.maxGapMs : DEFAULTS.maxGapMs,
  }
}

/** The keyboard-wedge scanner's prefix, suffix and timing, editable on the supervisor screen. */
export const useScannerSettingsStore = defineStore('scanner-settings', () => {
  /** The settings in force. */
  const wedge = ref<WedgeSettings>(parseWedgeSettings(globalThis.localStorage?.getItem(KEY) ?? null))

  watch(wedge, (s) => localStorage.setItem(KEY, JSON.stringify(s)), { deep: true })

  /** Back to the defaults (no prefix or suffix, 80 ms). */
  function reset(): void {
    wedge.value = { ...DEFAULTS }
  }

  return { wedge, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useScannerSettingsStore, import.meta.hot))
