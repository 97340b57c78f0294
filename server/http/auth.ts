import type { FastifyInstance, FastifyRequest } from 'fastify'
import { API_BASE_PATH } from '../../src/domain/contract.ts'
import type { Terminal, TerminalRepository } from '../db/terminals.ts'
import { DAY_MS } from '../db/time.ts'
import { hashToken, sameHash } from '../pairing/tokens.ts'
import { ApiError } from './errors.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** False for the routes a terminal calls before it has a token (health, pair). */
    auth?: boolean
  }
  interface FastifyRequest {
    /** The terminal whose bearer token authenticated the request; null on routes without auth. */
    terminal: Terminal | null
  }
}

/** How often a terminal's last-seen time is written at most, in milliseconds. */
export const LAST_SEEN_THROTTLE_MS = 60_000

const BEARER = /^Bearer\s+(\S+)\s*$/i

/**
 * Authenticates every v1 route except those with `config.auth === false`: 401 unauthorized without a bearer
 * token, token_invalid for an unknown one (rotated or replaced by a re-pairing) and for one older than
 * `tokenLifetimeDays` (with `details.reason: "expired"`, as Odoo's *Token Lifetime*; 0 never expires),
 * token_revoked for a revoked terminal's.
 */
export function registerAuth(app: FastifyInstance, terminals: TerminalRepository, now: () => number, tokenLifetimeDays = 0): void {
  app.decorateRequest('terminal', null)
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions
    if (request.is404 || route.config.auth === false || !route.url?.startsWith(API_BASE_PATH)) return
    const match = BEARER.exec(request.headers.authorization ?? '')
    if (!match) {
      throw new ApiError('unauthorized', 'This endpoint needs "Authorization: Bearer <token>": pair the terminal first.')
    }
    const hash = hashToken(match[1] as string)
    const found = terminals.findByTokenHash(hash)
    if (!found || !sameHash(found.tokenHash, hash)) {
      throw new ApiError('token_invalid', 'The token is not known: pair the terminal again.')
    }
    if (!found.active) throw new ApiError('token_revoked', 'This terminal was revoked: ask a supervisor to pair it again.')
    if (tokenLifetimeDays > 0 && found.pairedAt !== null && found.pairedAt + tokenLifetimeDays * DAY_MS <= now()) {
      throw new ApiError('token_invalid', 'This terminal token expired: ask a supervisor to pair it again.', {
        reason: 'expired',
        token_lifetime_days: tokenLifetimeDays,
      })
    }
    const terminal = terminals.get(found.id)
    if (!terminal) throw new ApiError('token_invalid', 'The token is not known: pair the terminal again.')
    const client = request.headers['x-terminal-client']
    terminals.touch(terminal.id, now(), typeof client === 'string' ? client.slice(0, 32) : null, LAST_SEEN_THROTTLE_MS)
    request.terminal = terminal
  })
}

/** The authenticated terminal of a request on an authenticated route. */
export function terminalOf(request: FastifyRequest): Terminal {
  if (!request.terminal) throw new Error(`Route ${request.url} reads the terminal but is not authenticated.`)
  return request.terminal
}
