import { watchInstallPrompt } from './install-prompt'
import { pwaState, resetPwaState } from './pwa-state'

/** The part of workbox-window's `Workbox` the shell uses (https://developer.chrome.com/docs/workbox/modules/workbox-window). */
export interface WorkboxLike {
  addEventListener(
    type: 'waiting' | 'activated' | 'controlling',
    listener: (event: { isUpdate?: boolean; isExternal?: boolean }) => void,
  ): void
  register(): Promise<unknown>
  update(): Promise<unknown>
  messageSkipWaiting(): void
}

export interface RegisterPwaOptions {
  /** Register at all. Default: production builds in browsers with service workers (none in `vite` dev). */
  enabled?: boolean
  /** The worker script, relative to the page: the build writes `sw.js` next to index.html. */
  swUrl?: string
  /** How often an open terminal asks the server for a new version, in milliseconds. Default one hour. */
  updateCheckIntervalMs?: number
  /** Makes the Workbox; default loads workbox-window on demand, keeping it out of the first-load JavaScript. */
  createWorkbox?: (swUrl: string) => Promise<WorkboxLike>
  /** Reloads the page once the new version controls it. */
  reload?: () => void
  /** The page's window (events, display mode, reload). */
  win?: Window
}

/** A registered shell; `dispose()` removes its listeners and timer (tests, hot reload). */
export interface PwaRegistration {
  /** Asks the server for a new version now. */
  checkForUpdate(): Promise<void>
  dispose(): void
}

const HOUR_MS = 60 * 60 * 1000

/** The browser refused the service worker: the app still works online, but will not start offline. */
export class PwaRegistrationError extends Error {
  override name = 'PwaRegistrationError'
  constructor(swUrl: string, cause: unknown) {
    super(
      `The service worker ${swUrl} could not be registered, so the terminal will not start offline: ` +
        'serve the app over HTTPS (or localhost) with sw.js next to index.html.',
      { cause },
    )
  }
}

/**
 * Registers the service worker and wires its life cycle into the state `usePwa()` shows.
 * Call once, after the app is mounted (main.ts). An update is announced (`needRefresh`) and
 * applied only through `usePwa().applyUpdate()` — the operator's "Update now" — never by itself:
 * a reload under an operator's hands would lose what they were typing.
 * @returns the registration, or null when service workers are off (dev server, plain http on a LAN
 *   address) or the browser refused it (then a {@link PwaRegistrationError} is logged: the app works on, online).
 */
export async function registerPwa(options: RegisterPwaOptions = {}): Promise<PwaRegistration | null> {
  const {
    win = window,
    enabled = import.meta.env.PROD && 'serviceWorker' in win.navigator,
    swUrl = './sw.js',
    updateCheckIntervalMs = HOUR_MS,
    createWorkbox = async (url: string) => new (await import('workbox-window')).Workbox(url, { scope: './' }),
    reload = () => win.location.reload(),
  } = options
  if (!enabled) return null

  resetPwaState()
  const stopWatchingInstall = watchInstallPrompt(win)
  const workbox = await createWorkbox(swUrl)
  let updateWaiting = false
  let updateAccepted = false

  workbox.addEventListener('waiting', () => {
    updateWaiting = true
    pwaState.needRefresh.value = true
  })
  workbox.addEventListener('activated', (event) => {
    if (!event.isUpdate) pwaState.offlineReady.value = true
  })
  workbox.addEventListener('controlling', (event) => {
    if (updateAccepted) return reload()
    updateWaiting = false
    // Another tab accepted the update: the new worker runs, but this page still has the old code, so
    // keep offering the reload here (it no longer needs a worker to activate).
    if (event.isUpdate) pwaState.needRefresh.value = true
  })

  pwaState.activateUpdate.value = () => {
    updateAccepted = true
    // The 'controlling' listener reloads once the new worker has taken the page.
    if (updateWaiting) workbox.messageSkipWaiting()
    else reload()
  }

  const checkForUpdate = async (): Promise<void> => {
    try {
      await workbox.update()
    } catch {
      // Offline or the server is down: the next check (timer, visibility, online) tries again.
    }
  }
  const onVisibilityChange = (): void => {
    if (win.document.visibilityState === 'visible') void checkForUpdate()
  }
  const onOnline = (): void => void checkForUpdate()
  const timer = setInterval(() => void checkForUpdate(), updateCheckIntervalMs)
  win.document.addEventListener('visibilitychange', onVisibilityChange)
  win.addEventListener('online', onOnline)

  const dispose = (): void => {
    clearInterval(timer)
    win.document.removeEventListener('visibilitychange', onVisibilityChange)
    win.removeEventListener('online', onOnline)
    stopWatchingInstall()
    resetPwaState()
  }

  try {
    await workbox.register()
  } catch (error) {
    dispose()
    console.warn(new PwaRegistrationError(swUrl, error))
    return null
  }
  return { checkForUpdate, dispose }
}
