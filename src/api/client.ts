import { v7 as uuidv7 } from 'uuid'
import {
  API_BASE_PATH,
  DEMO_PAIRING_PATH,
  type Bootstrap,
  type DecisionsResponse,
  type DemoPairingCode,
  type ErrorBody,
  type EventsRequest,
  type EventsResponse,
  type Health,
  type LedgerEntry,
  type Lot,
  type OfficeDecision,
  type PairRequest,
  type PairResponse,
  type TerminalEvent,
  type WorkOrdersPage,
  SERVER_TIME_HEADER,
} from '../domain/contract'
import type { ClockReading } from '../domain/clock'
import { ApiError, NetworkError, TimeoutError, UnexpectedResponseError } from './errors'
import { CLIENT_VERSION } from './version'

/** How long a request may take before it is abandoned, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 15_000

export interface ApiClientOptions {
  /** Origin of the server, e.g. `https://odoo.example.com`; the client adds `/shopfloor_terminal/v1`. */
  baseUrl: string
  /** The terminal's bearer token; omit before pairing. */
  token?: string | null
  /** The fetch to use; tests pass a scripted fake, the chaos test a fault-injecting one. */
  fetch?: typeof fetch
  /** Default time limit per request, in milliseconds. */
  timeoutMs?: number
  /** Semver sent as `X-Terminal-Client`; defaults to the build's version. */
  clientVersion?: string
  /** Makes the per-request `X-Correlation-ID`; defaults to a UUIDv7. */
  newCorrelationId?: () => string
  /** The device clock, epoch ms: stamps `sent_at` and times each round trip. */
  now?: () => number
  /** Told the round trip of every answer that carries `X-Server-Time`, error answers too. */
  onClockReading?: (reading: ClockReading) => void
}

/** Per-call overrides. */
export interface RequestOptions {
  /** Time limit for this call, in milliseconds. */
  timeoutMs?: number
  /** Correlation id for this call (1-64 of `[A-Za-z0-9._-]`). */
  correlationId?: string
}

/** The typed v1 contract (docs/api.md), one method per endpoint. */
export interface ApiClient {
  readonly baseUrl: string
  health(opts?: RequestOptions): Promise<Health>
  pair(body: PairRequest, opts?: RequestOptions): Promise<PairResponse>
  bootstrap(opts?: RequestOptions): Promise<Bootstrap>
  /** One page of the delta sync; no cursor means a full sync. */
  workOrders(params: { cursor?: string | null; limit?: number }, opts?: RequestOptions): Promise<WorkOrdersPage>
  /** The lot with exactly this name, or null when the server does not know it (`lot_unknown`). */
  lot(barcode: string, productId?: number, opts?: RequestOptions): Promise<Lot | null>
  /**
   * Sends a batch stamped `sent_at` = the device clock now, minus `clockShiftMs`: how far the
   * clock jumped since these events were recorded (0 when it did not).
   */
  postEvents(events: readonly TerminalEvent[], opts?: RequestOptions & { clockShiftMs?: number }): Promise<EventsResponse>
  /** The ledger entry of one of this terminal's events, or null when the server never received it. */
  getEvent(id: string, opts?: RequestOptions): Promise<LedgerEntry | null>
  /**
   * What the office decided on this terminal's rejected events and the tablet has not carried out yet;
   * none from a server that predates decisions (404).
   */
  decisions(opts?: RequestOptions): Promise<OfficeDecision[]>
  /** A fresh one-time pairing code for a new demo terminal (demo backend only: see `Health.demo`). */
  demoPairingCode(opts?: RequestOptions): Promise<DemoPairingCode>
  /** The bytes of an instruction file of one of the terminal's operations (`GET /attachments/<id>`). */
  attachment(id: number, opts?: RequestOptions): Promise<ArrayBuffer>
}

/**
 * Builds the HTTP client of the v1 contract. Every request carries `Authorization` (once paired),
 * `X-Terminal-Client` and its own `X-Correlation-ID`, and is aborted after `timeoutMs`.
 * Failures are thrown as `ApiError` (the server's envelope), `NetworkError`, `TimeoutError` or
 * `UnexpectedResponseError`.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const {
    baseUrl,
    token = null,
    fetch: doFetch = globalThis.fetch.bind(globalThis),
    timeoutMs = DEFAULT_TIMEOUT_MS,
    clientVersion = CLIENT_VERSION,
    newCorrelationId = uuidv7,
    now = Date.now,
    onClockReading,
  } = options

  async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    /** The JSON body, or a function of the device clock at sending that builds it. */
    body: unknown,
    opts: RequestOptions = {},
    basePath = API_BASE_PATH,
    /** `bytes`: a successful answer is a file, returned as an ArrayBuffer (errors stay JSON). */
    answer: 'json' | 'bytes' = 'json',
  ): Promise<T> {
    const url = new URL(basePath + path, baseUrl).toString()
    const correlationId = opts.correlationId ?? newCorrelationId()
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'X-Terminal-Client': clientVersion,
      'X-Correlation-ID': correlationId,
    }
    if (token) headers.Authorization = `Bearer ${token}`
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const limit = opts.timeoutMs ?? timeoutMs
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, limit)
    try {
      let response: Response
      let text: string
      let bytes: ArrayBuffer | undefined
      try {
        const sentAt = now()
        const payload: unknown = typeof body === 'function' ? (body as (sentAt: number) => unknown)(sentAt) : body
        response = await doFetch(url, {
          method,
          headers,
          body: payload === undefined ? undefined : JSON.stringify(payload),
          signal: controller.signal,
        })
        // Timed at the headers, not after the body: a large page would widen the bound for nothing.
        noteServerTime(response, sentAt)
        if (answer === 'bytes' && response.ok) bytes = await response.arrayBuffer()
        text = bytes === undefined ? await response.text() : ''
      } catch (e) {
        if (timedOut) throw new TimeoutError(url, limit)
        throw new NetworkError(url, e)
      }
      if (bytes !== undefined) return bytes as T
      const contentType = response.headers.get('content-type')
      const json = contentType?.includes('application/json') ? parseJson(text) : undefined
      if (json === undefined) throw new UnexpectedResponseError(url, response.status, contentType)
      if (!response.ok) throw toApiError(response, json, correlationId, url, contentType)
      return json as T
    } finally {
      clearTimeout(timer)
    }
  }

  function noteServerTime(response: Response, sentAt: number): void {
    const header = response.headers.get(SERVER_TIME_HEADER)
    const serverTime = header === null ? NaN : Date.parse(header)
    if (onClockReading && Number.isFinite(serverTime)) onClockReading({ sentAt, receivedAt: now(), serverTime })
  }

  return {
    baseUrl,
    health: (opts) => request<Health>('GET', '/health', undefined, opts),
    pair: (body, opts) => request<PairResponse>('POST', '/pair', body, opts),
    bootstrap: (opts) => request<Bootstrap>('GET', '/bootstrap', undefined, opts),
    workOrders: ({ cursor, limit }, opts) => {
      const query = new URLSearchParams()
      if (cursor) query.set('cursor', cursor)
      if (limit !== undefined) query.set('limit', String(limit))
      const qs = query.toString()
      return request<WorkOrdersPage>('GET', `/workorders${qs ? `?${qs}` : ''}`, undefined, opts)
    },
    lot: async (barcode, productId, opts) => {
      const query = new URLSearchParams({ barcode })
      if (productId !== undefined) query.set('product_id', String(productId))
      try {
        return (await request<{ lot: Lot }>('GET', `/lots?${query.toString()}`, undefined, opts)).lot
      } catch (e) {
        if (e instanceof ApiError && e.code === 'lot_unknown') return null
        throw e
      }
    },
    postEvents: (events, opts) => {
      const shift = opts?.clockShiftMs ?? 0
      const body = (sentAt: number): EventsRequest => ({ events, sent_at: new Date(sentAt - shift).toISOString() })
      return request<EventsResponse>('POST', '/events', body, opts)
    },
    getEvent: async (id, opts) => {
      try {
        return (await request<{ event: LedgerEntry }>('GET', `/events/${encodeURIComponent(id)}`, undefined, opts)).event
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null
        throw e
      }
    },
    decisions: async (opts) => {
      try {
        return (await request<DecisionsResponse>('GET', '/decisions', undefined, opts)).decisions
      } catch (e) {
        if (e instanceof ApiError && e.status === 404 && e.code === 'not_found') return []
        throw e
      }
    },
    demoPairingCode: (opts) => request<DemoPairingCode>('POST', '', {}, opts, DEMO_PAIRING_PATH),
    attachment: (id, opts) => request<ArrayBuffer>('GET', `/attachments/${id}`, undefined, opts, API_BASE_PATH, 'bytes'),
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function toApiError(response: Response, json: unknown, sentId: string, url: string, contentType: string | null): Error {
  const envelope = (json as Partial<ErrorBody> | null)?.error
  if (!envelope || typeof envelope.code !== 'string') return new UnexpectedResponseError(url, response.status, contentType)
  const retryAfter = Number(response.headers.get('retry-after'))
  return new ApiError({
    code: envelope.code,
    status: response.status,
    message: envelope.message,
    correlationId: response.headers.get('x-correlation-id') ?? envelope.correlation_id ?? sentId,
    details: envelope.details,
    retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
  })
}
