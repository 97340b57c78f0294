import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

/**
 * One log line per request instead of Fastify's two ("incoming request" + "request completed"): written
 * when the response is sent, labelled with the correlation id (the request id), with method, URL, status
 * and time. https://fastify.dev/docs/latest/Reference/Logging/
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'correlation_id' })
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    }
    if (error) reply.log.error({ ...line, err: error }, 'request failed')
    else reply.log.info(line, 'request')
  }
}
