import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorBody, ServerErrorCode } from '../../src/domain/contract.ts'

/** The one table from error code to HTTP status. */
export const STATUS_OF: Record<ServerErrorCode, number> = {
  malformed_json: 400,
  invalid_request: 400,
  unauthorized: 401,
  token_invalid: 401,
  token_revoked: 401,
  pairing_code_invalid: 401,
  forbidden: 403,
  not_found: 404,
  lot_unknown: 404,
  method_not_allowed: 405,
  cursor_expired: 410,
  payload_too_large: 413,
  batch_too_large: 413,
  client_too_old: 426,
  rate_limited: 429,
  internal_error: 500,
  upstream_unreachable: 502,
  temporarily_unavailable: 503,
}

/** A request that fails with one of the contract's error codes; its status comes from {@link STATUS_OF}. */
export class ApiError extends Error {
  override name = 'ApiError'
  readonly statusCode: number
  constructor(
    readonly code: ServerErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.statusCode = STATUS_OF[code]
  }
}

/** The error envelope every endpoint answers with. */
export function errorBody(error: ApiError, correlationId: string): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      correlation_id: correlationId,
    },
  }
}

/**
 * Sends an ApiError as the envelope. It sets X-Correlation-ID itself: errors Fastify meets before routing
 * skip the hooks that set it on other replies.
 */
export function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply
    .code(error.statusCode)
    .headers({ ...error.headers, 'X-Correlation-ID': reply.request.id })
    .type('application/json; charset=utf-8')
    .send(errorBody(error, reply.request.id))
}

/** The field a JSON-schema validation error is about, as a path inside its part (`events[3].id`, `limit`). */
function validationField(error: FastifyError): string {
  const first = error.validation?.[0]
  if (!first) return 'body'
  const path = first.instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
  const missing = (first.params as { missingProperty?: string }).missingProperty
  const field = (path + (missing ? `.${missing}` : '')).replace(/^\./, '')
  return field || (error.validationContext ?? 'body')
}

/** Maps what Fastify itself throws (validation, body limit, bad JSON) onto our codes. */
export function toApiError(error: FastifyError | Error): ApiError {
  if (error instanceof ApiError) return error
  const fastifyError = error as FastifyError
  if (fastifyError.validation) {
    const field = validationField(fastifyError)
    return new ApiError('invalid_request', `The request is not valid: ${field} ${fastifyError.validation[0]?.message ?? ''}.`.trim(), {
      field,
      reason: fastifyError.validation[0]?.message ?? 'invalid',
    })
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('payload_too_large', 'The request body is larger than 1 MiB: send fewer events per request.', {
        max_body_bytes: 1_048_576,
      })
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('malformed_json', 'The request body is not valid JSON.')
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError('invalid_request', 'The Content-Length header does not match the body.', { field: 'content-length' })
  }
  return new ApiError('internal_error', 'The server failed: the request can be sent again later.')
}

/**
 * Makes every thrown failure answer with the envelope: our errors and Fastify's own. Unexpected errors are
 * logged with the correlation id; their text never reaches the client. Register it before any plugin, which
 * takes the handler in force when it is registered.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = toApiError(error)
    if (apiError.statusCode >= 500) request.log.error({ err: error }, 'request failed')
    return sendError(reply, apiError)
  })
}

/** Answers unknown routes with the 404 envelope, after giving `fallback` (the app shell) a chance. */
export function registerNotFound(
  app: FastifyInstance,
  fallback: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | null = () => null,
): void {
  app.setNotFoundHandler(
    (request, reply) =>
      fallback(request, reply) ??
      sendError(reply, new ApiError('not_found', `There is no ${request.method} ${request.url.split('?')[0]} here.`)),
  )
}
