import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance } from 'fastify'
import { CORRELATION_ID } from '../ingest/validate-event.ts'

/** Header carrying the correlation id both ways. */
export const CORRELATION_HEADER = 'x-correlation-id'

/**
 * Fastify's `genReqId`: the request id is the correlation id, so every log line of the request carries it.
 * A valid incoming X-Correlation-ID is kept; a missing or malformed one is replaced, never refused.
 */
export function correlationIdOf(request: IncomingMessage): string {
  const header = request.headers[CORRELATION_HEADER]
  return typeof header === 'string' && CORRELATION_ID.test(header) ? header : randomUUID()
}

/** Echoes the correlation id on every response, errors included. */
export function registerCorrelationHeader(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Correlation-ID', request.id)
  })
}
