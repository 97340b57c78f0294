import type { ErrorCode } from '../domain/contract'

/** The server answered with the contract's error envelope. */
export class ApiError extends Error {
  override name = 'ApiError'
  /** The contract's error code, e.g. `token_revoked`. */
  readonly code: ErrorCode
  /** The HTTP status. */
  readonly status: number
  /** The correlation id the server echoed, to find the request in its logs and audit. */
  readonly correlationId: string | null
  readonly details: Record<string, unknown>
  /** For 429: how long the server asked to wait, in milliseconds; else null. */
  readonly retryAfterMs: number | null

  constructor(init: {
    code: ErrorCode
    status: number
    message: string
    correlationId: string | null
    details?: Record<string, unknown>
    retryAfterMs?: number | null
  }) {
    super(`${init.message} (${init.code}, HTTP ${init.status}, correlation id ${init.correlationId ?? 'none'})`)
    this.code = init.code
    this.status = init.status
    this.correlationId = init.correlationId
    this.details = init.details ?? {}
    this.retryAfterMs = init.retryAfterMs ?? null
  }
}

/** The request never got an HTTP answer (no network, DNS, refused connection, CORS). */
export class NetworkError extends Error {
  override name = 'NetworkError'
  constructor(url: string, cause: unknown) {
    super(`No answer from ${url}: check the network connection and the server address.`, { cause })
  }
}

/** No answer within the time limit; the server may still have done the work. */
export class TimeoutError extends Error {
  override name = 'TimeoutError'
  constructor(url: string, timeoutMs: number) {
    super(`No answer from ${url} within ${timeoutMs} ms: the network is slow or the server is busy; it will be retried.`)
  }
}

/**
 * The answer is not the contract's JSON (an HTML login page, a proxy error page, a truncated body):
 * usually a wrong server address or a proxy in the way.
 */
export class UnexpectedResponseError extends Error {
  override name = 'UnexpectedResponseError'
  readonly status: number
  constructor(url: string, status: number, contentType: string | null) {
    super(
      `${url} answered HTTP ${status} with ${contentType ?? 'no content type'} instead of the terminal API's JSON: ` +
        'check that the server address points at Odoo with the shopfloor_terminal module (or the demo server).',
    )
    this.status = status
  }
}

/** Errors the client throws; anything else is a bug. */
export type ApiFailure = ApiError | NetworkError | TimeoutError | UnexpectedResponseError

/** True for failures where the request may not have reached the server or its answer was lost. */
export function isTransportFailure(e: unknown): e is NetworkError | TimeoutError {
  return e instanceof NetworkError || e instanceof TimeoutError
}
