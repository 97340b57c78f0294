import type { FastifyInstance } from 'fastify'
import { DEMO_PAIRING_PATH, type DemoPairingCode } from '../../src/domain/contract.ts'
import { toIso } from '../db/time.ts'
import { createDemoTerminal, PAIRING_CODE_LIFETIME_MS } from '../seed/demo-terminals.ts'
import type { Services } from '../services.ts'

/**
 * POST /shopfloor_terminal/demo/pairing-code: a new demo terminal on every work center and its one-time
 * code, valid 15 minutes. The start page pairs with it in one click; e2e tests get a terminal each.
 */
export function registerDemoRoutes(app: FastifyInstance, services: Services): void {
  app.post(DEMO_PAIRING_PATH, { config: { auth: false } }, async (): Promise<DemoPairingCode> => {
    const nowMs = services.now()
    const expiresAt = nowMs + PAIRING_CODE_LIFETIME_MS
    const { code } = createDemoTerminal(services.db, services.terminals, { expiresAt, nowMs })
    return { pairing_code: code, expires_at: toIso(expiresAt) }
  })
}
