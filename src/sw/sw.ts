/// <reference lib="webworker" />
// https://vite-pwa-org.netlify.app/guide/inject-manifest
import { clientsClaim } from 'workbox-core'
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { askWindowsToSync, type SyncEvent } from './background-sync'
import { isSkipWaitingMessage } from './messages'
import { SERVER_PATH } from './server-paths'

declare const self: ServiceWorkerGlobalScope & {
  addEventListener(type: 'sync', listener: (event: SyncEvent) => void): void
}

// The app shell (JS, CSS, HTML, icons, the lazily loaded scanner chunk) so the app starts offline.
precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()
// Every in-scope navigation gets the shell (the router uses the hash). API requests get no route
// at all, so the worker never answers them: they reach the network or fail as the page expects.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [SERVER_PATH] }))

// On the first visit, take the page at once so it works offline without a reload. An update
// waits: it activates only on SKIP_WAITING (the operator tapped "Update now") or once every tab is closed.
clientsClaim()

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if (isSkipWaitingMessage(event.data)) void self.skipWaiting()
})

self.addEventListener('sync', (event: SyncEvent) => {
  event.waitUntil(askWindowsToSync(self.clients, event.tag))
})
