/**
 * Paths the server answers itself and the worker must leave alone: the v1 API, the demo
 * backend's helpers and everything else of Odoo's under /shopfloor_terminal/ — except the app,
 * which Odoo serves at /shopfloor_terminal/app/.
 */
export const SERVER_PATH = /^\/shopfloor_terminal\/(?!app\/)/

/** True when a request to `url` must reach the network untouched (never the app-shell fallback). */
export function isServerPath(url: URL): boolean {
  return SERVER_PATH.test(url.pathname)
}
