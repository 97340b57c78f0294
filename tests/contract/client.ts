/**
 * A small typed HTTP client for the contract suite. It is deliberately independent of the terminal's own
 * src/api: the suite judges servers, so it must not share the code it could be hiding a bug with.
 */

/** Base path of the API under test. */
export const API = '/shopfloor_terminal/v1'

/** A response with its body parsed when it is JSON. */
export interface ApiResponse<T> {
  status: number
  headers: Headers
  body: T
  /** The body as text, whatever its type. */
  text: string
}

/** Options of one request. */
export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown
  /** Sent as is (for malformed or oversized bodies). */
  rawBody?: string
  headers?: Record<string, string>
  /** Overrides the client's token; null sends no Authorization header. */
  token?: string | null
}

/** Talks to one server, optionally with one terminal's bearer token. */
export class ContractClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null = null,
  ) {}

  /** The same server with another token. */
  as(token: string | null): ContractClient {
    return new ContractClient(this.baseUrl, token)
  }

  /** `path` is relative to the API base (`/health`) unless it starts with `/shopfloor_terminal/`. */
  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const url = this.baseUrl + (path.startsWith('/shopfloor_terminal/') ? path : API + path)
    const headers: Record<string, string> = { 'X-Terminal-Client': '1.0.0', ...options.headers }
    const token = options.token === undefined ? this.token : options.token
    if (token) headers.Authorization = `Bearer ${token}`
    let body: string | undefined = options.rawBody
    if (options.body !== undefined) body = JSON.stringify(options.body)
    if (body !== undefined) headers['Content-Type'] ??= 'application/json'
    const response = await fetch(url, { method, headers, body })
    const text = await response.text()
    const isJson = (response.headers.get('content-type') ?? '').includes('application/json')
    return { status: response.status, headers: response.headers, text, body: (isJson && text ? JSON.parse(text) : text) as T }
  }

  get<T = unknown>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options)
  }

  post<T = unknown>(path: string, body: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, { ...options, body })
  }
}
