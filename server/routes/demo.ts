import type { FastifyInstance } from 'fastify'
import { DEMO_PAIRING_PATH, type DemoPairingCode } from '../../src/domain/contract.ts'
import { ApiError } from '../http/errors.ts'
import { toIso } from '../db/time.ts'
import { createDemoTerminal, PAIRING_CODE_LIFETIME_MS, UnknownWorkCenterError } from '../seed/demo-terminals.ts'
import type { Services } from '../services.ts'

/** The optional body: `work_center_code` binds the new terminal to that one work center only. */
function requestedWorkCenter(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError('invalid_request', 'The request is not valid: send no body, {} or {"work_center_code": "<code>"}.', { field: 'body' })
  }
  const { work_center_code: code, ...rest } = body as Record<string, unknown>
  const unknown = Object.keys(rest)[0]
  if (unknown !== undefined) throw new ApiError('invalid_request', `The request is not valid: unknown field ${unknown}.`, { field: unknown })
  if (code === undefined) return undefined
  if (typeof code !== 'string' || code.length === 0 || code.length > 64) {
    throw new ApiError('invalid_request', 'The request is not valid: work_center_code must be a work center code.', { field: 'work_center_code' })
  }
  return code
}

/**
 * POST /shopfloor_terminal/demo/pairing-code: a new demo terminal and its one-time code, valid 15 minutes. The
 * terminal is on every work center of the demo catalog, or only on the one `work_center_code` names (an e2e
 * spec's isolated cell). The start page pairs with it in one click; e2e tests get a terminal each.
 */
export function registerDemoRoutes(app: FastifyInstance, services: Services): void {
  app.post(DEMO_PAIRING_PATH, { config: { auth: false } }, async (request): Promise<DemoPairingCode> => {
    const workCenterCode = requestedWorkCenter(request.body)
    const nowMs = services.now()
    const expiresAt = nowMs + PAIRING_CODE_LIFETIME_MS
    try {
      const { code } = createDemoTerminal(services.db, services.terminals, { expiresAt, nowMs, workCenterCode })
      return { pairing_code: code, expires_at: toIso(expiresAt) }
    } catch (error) {
      if (!(error instanceof UnknownWorkCenterError)) throw error
      throw new ApiError('not_found', error.message, { field: 'work_center_code', work_center_code: error.workCenterCode })
    }
  })
}
