import type { FastifyInstance } from 'fastify'
import { API_BASE_PATH, API_VERSION, type PairRequest, type PairResponse } from '../../src/domain/contract.ts'
import { ApiError } from '../http/errors.ts'
import { normalizePairingCode } from '../pairing/codes.ts'
import { generateToken, hashToken } from '../pairing/tokens.ts'
import { FieldInvalid, readText } from '../ingest/payload-schema.ts'
import type { Services } from '../services.ts'

const body = {
  type: 'object',
  required: ['pairing_code', 'device_name', 'client_version'],
  properties: {
    pairing_code: { type: 'string', minLength: 1, maxLength: 64 },
    device_name: { type: 'string', minLength: 1, maxLength: 64, pattern: '\\S' },
    client_version: { type: 'string', minLength: 1, maxLength: 32 },
  },
} as const

/** The key all addresses' failures are counted under too. */
const GLOBAL_KEY = '*'

/** Refuses control characters and lone surrogates, which JSON Schema patterns (no `u` flag here) cannot catch. */
function assertPlainText(pairRequest: PairRequest): void {
  for (const field of ['pairing_code', 'device_name', 'client_version'] as const) {
    try {
      readText(pairRequest[field], field, 64)
    } catch (error) {
      if (!(error instanceof FieldInvalid)) throw error
      throw new ApiError('invalid_request', `The request is not valid: ${field} ${error.reason}.`, { field, reason: error.reason })
    }
  }
}

/** POST /pair: trades a one-time pairing code for the terminal's bearer token, rate limited per address. */
export function registerPairRoute(app: FastifyInstance, services: Services): void {
  app.post<{ Body: PairRequest }>(
    `${API_BASE_PATH}/pair`,
    { config: { auth: false }, schema: { body } },
    async (request): Promise<PairResponse> => {
      assertPlainText(request.body)
      const { pairingLimiter: limiter, pairingGlobalLimiter: global } = services
      const ownWait = limiter.retryAfterSeconds(request.ip)
      const wait = Math.max(ownWait, global.retryAfterSeconds(GLOBAL_KEY))
      if (wait > 0) {
        const scope = ownWait > 0 ? 'address' : 'global'
        throw new ApiError('rate_limited', `Too many wrong pairing codes: try again in ${wait} s.`, { retry_after: wait, scope }, {
          'Retry-After': String(wait),
        })
      }
      const nowMs = services.now()
      const terminalId = services.terminals.findByPairingCode(normalizePairingCode(request.body.pairing_code), nowMs)
      if (terminalId === undefined) {
        limiter.recordFailure(request.ip)
        global.recordFailure(GLOBAL_KEY)
        throw new ApiError('pairing_code_invalid', 'The pairing code is wrong, used or expired: ask a supervisor for a new one.')
      }
      const token = generateToken()
      const name = request.body.device_name.trim()
      services.terminals.completePairing(terminalId, hashToken(token), name, request.body.client_version, nowMs)
      return { terminal: { id: terminalId, name }, token, api_version: API_VERSION }
    },
  )
}
