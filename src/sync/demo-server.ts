/**
 * The demo backend (`npm start`) offers one-click pairing: it says so in /health and hands out a
 * fresh code on request. Odoo does neither; these calls happen before pairing, so without a token.
 */
import { createApiClient } from '../api/client'
import type { SyncContext } from './context'

/** How to reach a server before pairing: the context's transport, without its database. */
export type Transport = Pick<SyncContext, 'fetch' | 'timeoutMs'>

/** Whether `serverUrl` is the demo backend. */
export async function isDemoServer(transport: Transport, serverUrl: string): Promise<boolean> {
  return (await createApiClient({ baseUrl: serverUrl, fetch: transport.fetch, timeoutMs: transport.timeoutMs }).health()).demo === true
}

/** A one-time code for a new demo terminal on the demo backend at `serverUrl`. */
export async function demoPairingCode(transport: Transport, serverUrl: string): Promise<string> {
  return (await createApiClient({ baseUrl: serverUrl, fetch: transport.fetch, timeoutMs: transport.timeoutMs }).demoPairingCode()).pairing_code
}
