import { ref, shallowRef } from 'vue'

/**
 * Chromium's install prompt event (not in TypeScript's DOM lib).
 * https://developer.mozilla.org/en-US/docs/Web/API/BeforeInstallPromptEvent
 */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>
}

/**
 * The shell's state, one per page: written by `registerPwa()` (src/pwa/register-pwa.ts),
 * read through `usePwa()`. Module-level because there is one service worker per page.
 */
export const pwaState = {
  /** A new version is installed and waiting for the operator's "Update now". */
  needRefresh: ref(false),
  /** The app shell is cached for the first time: the app now starts without a network. */
  offlineReady: ref(false),
  /** The deferred install prompt while the browser offers one (supervisors install the app from it). */
  installPrompt: shallowRef<BeforeInstallPromptEvent | null>(null),
  /** The app runs as an installed app (home screen / app window), not in a browser tab. */
  isStandalone: ref(false),
  /** Activates the waiting version and reloads; set by `registerPwa()`, a no-op before it. */
  activateUpdate: shallowRef<() => void>(() => {}),
}

/** Puts the state back as it is before `registerPwa()` ran. */
export function resetPwaState(): void {
  pwaState.needRefresh.value = false
  pwaState.offlineReady.value = false
  pwaState.installPrompt.value = null
  pwaState.isStandalone.value = false
  pwaState.activateUpdate.value = () => {}
}
