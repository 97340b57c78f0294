import type { FastifyInstance } from 'fastify'
import { SERVER_TIME_HEADER } from '../../src/domain/contract.ts'
import { toIso } from '../db/time.ts'

/**
 * Stamps every response, errors included, with the server clock as it leaves: with the device's own
 * send and receive times, each round trip measures the device clock's offset.
 */
export function registerServerTimeHeader(app: FastifyInstance, now: () => number): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.header(SERVER_TIME_HEADER, toIso(now()))
  })
}
