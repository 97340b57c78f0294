import { pwaState, type BeforeInstallPromptEvent } from './pwa-state'

/** What became of an install request. `unavailable`: the browser offered no prompt (already installed, or not installable). */
export type InstallOutcome = 'accepted' | 'dismissed' | 'unavailable'

const STANDALONE_QUERY = '(display-mode: standalone)'

/**
 * Keeps the browser's install prompt for a button to show later, and follows whether the app
 * runs installed. Call it before the browser may fire `beforeinstallprompt` (registerPwa does).
 * @returns a function that removes the listeners.
 */
export function watchInstallPrompt(win: Window): () => void {
  const onBeforeInstallPrompt = (event: Event): void => {
    // Keep the mini-infobar away: the supervisor installs from our button, on purpose.
    event.preventDefault()
    pwaState.installPrompt.value = event as BeforeInstallPromptEvent
  }
  const onInstalled = (): void => {
    pwaState.installPrompt.value = null
  }
  const standalone = win.matchMedia(STANDALONE_QUERY)
  const onDisplayModeChange = (): void => {
    pwaState.isStandalone.value = standalone.matches
  }
  onDisplayModeChange()
  win.addEventListener('beforeinstallprompt', onBeforeInstallPrompt)
  win.addEventListener('appinstalled', onInstalled)
  standalone.addEventListener('change', onDisplayModeChange)
  return () => {
    win.removeEventListener('beforeinstallprompt', onBeforeInstallPrompt)
    win.removeEventListener('appinstalled', onInstalled)
    standalone.removeEventListener('change', onDisplayModeChange)
  }
}

/** Shows the kept install prompt. A prompt works once, so it is dropped whatever the answer. */
export async function promptInstall(): Promise<InstallOutcome> {
  const prompt = pwaState.installPrompt.value
  if (!prompt) return 'unavailable'
  pwaState.installPrompt.value = null
  await prompt.prompt()
  const choice = await prompt.userChoice
  return choice.outcome
}
