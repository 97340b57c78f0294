import { computed, readonly, type ComputedRef, type Ref } from 'vue'
import { promptInstall, type InstallOutcome } from './install-prompt'
import { pwaState } from './pwa-state'

export interface UsePwaReturn {
  /** A new version is waiting for the operator's "Update now". */
  needRefresh: Readonly<Ref<boolean>>
  /** The app is cached and now starts without a network. */
  offlineReady: Readonly<Ref<boolean>>
  /** The browser offers to install the app (false once installed or when not installable). */
  canInstall: ComputedRef<boolean>
  /** The app runs installed, in its own window. */
  isStandalone: Readonly<Ref<boolean>>
  /** Activates the waiting version and reloads the page. Call only from the operator's tap. */
  applyUpdate(): void
  /** Hides the update notice until the next version (the waiting one activates when all tabs close). */
  dismissUpdate(): void
  /** Hides the "ready to work offline" notice. */
  dismissOfflineReady(): void
  /** Shows the browser's install dialog. */
  install(): Promise<InstallOutcome>
}

/**
 * The PWA shell for components: update prompt, offline readiness and install prompt.
 * Reads the state `registerPwa()` keeps; before or without registration everything is false.
 */
export function usePwa(): UsePwaReturn {
  return {
    needRefresh: readonly(pwaState.needRefresh),
    offlineReady: readonly(pwaState.offlineReady),
    canInstall: computed(() => pwaState.installPrompt.value !== null),
    isStandalone: readonly(pwaState.isStandalone),
    applyUpdate: () => pwaState.activateUpdate.value(),
    dismissUpdate: () => {
      pwaState.needRefresh.value = false
    },
    dismissOfflineReady: () => {
      pwaState.offlineReady.value = false
    },
    install: promptInstall,
  }
}
