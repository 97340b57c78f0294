import type { FastifyInstance } from 'fastify'
import { API_BASE_PATH, API_VERSION, type Health } from '../../src/domain/contract.ts'
import { toIso } from '../db/time.ts'
import type { Services } from '../services.ts'

/**
 * GET /health: no auth, so a terminal can tell "server reachable" from "token wrong". `demo: true`
 * tells the start page it may offer one-click pairing.
 */
export function registerHealthRoute(app: FastifyInstance, services: Services): void {
  app.get(`${API_BASE_PATH}/health`, { config: { auth: false } }, async (): Promise<Health> => ({
    status: 'ok',
    api_version: API_VERSION,
    server_time: toIso(services.now()),
    demo: true,
  }))
}
