/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'

declare const self: ServiceWorkerGlobalScope

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()
// API calls are never navigations, but keep them out of the app-shell fallback explicitly.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\/shopfloor_terminal\/v1\//] }))

// The page asks for activation only when the operator accepts the update prompt.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting()
})
