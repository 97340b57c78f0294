import type { FastifyInstance } from 'fastify'
import { API_BASE_PATH, API_VERSION, MAX_BATCH, MAX_BODY_BYTES, type Bootstrap } from '../../src/domain/contract.ts'
import { CREDENTIAL_KDF } from '../../src/domain/credentials.ts'
import { toIso } from '../db/time.ts'
import { DONE_VISIBLE_MS } from '../db/workorder-feed.ts'
import { terminalOf } from '../http/auth.ts'
import type { Services } from '../services.ts'

/** GET /bootstrap: everything a terminal needs offline except work orders. */
export function registerBootstrapRoute(app: FastifyInstance, services: Services): void {
  app.get(`${API_BASE_PATH}/bootstrap`, async (request): Promise<Bootstrap> => {
    const terminal = terminalOf(request)
    const nowMs = services.now()
    const centers = terminal.workCenterIds
    return {
      api_version: API_VERSION,
      server_time: toIso(nowMs),
      terminal: {
        id: terminal.id,
        name: terminal.name,
        work_center_ids: centers,
        settings: terminal.settings,
        credentials: { kdf: CREDENTIAL_KDF, iterations: services.credentials.iterations, salt: terminal.credentialSalt },
      },
      work_centers: services.workCenters.list(centers),
      operators: services.references.operators(centers, terminal.credentialSalt),
      scrap_reasons: services.references.scrapReasons(),
      loss_reasons: services.references.lossReasons(),
      hold_reasons: services.references.holdReasons(),
      products: services.references.products(centers, nowMs - DONE_VISIBLE_MS),
      limits: { max_batch: MAX_BATCH, max_body_bytes: MAX_BODY_BYTES },
    }
  })
}
