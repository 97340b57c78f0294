import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApiClient } from '../../../src/api/client'
import { ApiError, NetworkError, TimeoutError, UnexpectedResponseError } from '../../../src/api/errors'
import { bootstrap, errorReply, json, networkDown, page, scriptedServer, workOrder } from '../sync/fixtures'

const BASE = 'http://plant.test'

afterEach(() => {
  vi.useRealTimers()
})

describe('createApiClient', () => {
  it('sends the token, the client version and a fresh correlation id on every request', async () => {
    const server = scriptedServer().on('GET /bootstrap', json(bootstrap()))
    let n = 0
    const client = createApiClient({ baseUrl: BASE, token: 'sft_x', fetch: server.fetch, clientVersion: '1.2.3', newCorrelationId: () => `corr-${++n}` })

    await client.bootstrap()
    await client.bootstrap()

    const [first, second] = server.calls
    expect(first?.headers.get('authorization')).toBe('Bearer sft_x')
    expect(first?.headers.get('x-terminal-client')).toBe('1.2.3')
    expect(first?.headers.get('x-correlation-id')).toBe('corr-1')
    expect(second?.headers.get('x-correlation-id')).toBe('corr-2')
  })

  it('sends no Authorization before pairing, and posts the pairing body', async () => {
    const server = scriptedServer().on('POST /pair', json({ terminal: { id: 1, name: 'T' }, token: 'sft_new', api_version: '1' }))
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch, clientVersion: '1.0.0' })

    const res = await client.pair({ pairing_code: 'ABCD2345', device_name: 'T', client_version: '1.0.0' })

    expect(res.token).toBe('sft_new')
    expect(server.calls[0]?.headers.has('authorization')).toBe(false)
    expect(server.calls[0]?.body).toEqual({ pairing_code: 'ABCD2345', device_name: 'T', client_version: '1.0.0' })
    expect(server.calls[0]?.headers.get('content-type')).toBe('application/json')
  })

  it('stamps each batch with the device clock (sent_at) and reports every round trip that names the server time', async () => {
    const serverTime = '2026-11-26T08:00:00.150Z'
    const server = scriptedServer()
      .on('POST /events', json({ results: [], server_time: serverTime }, 200, { 'x-server-time': serverTime }))
      .on('GET /bootstrap', errorReply(503, 'temporarily_unavailable', {}, { 'x-server-time': serverTime }))
    const clock = [Date.parse('2026-11-26T08:10:00.000Z'), Date.parse('2026-11-26T08:10:00.300Z')]
    let tick = 0
    const readings: unknown[] = []
    const client = createApiClient({
      baseUrl: BASE,
      fetch: server.fetch,
      now: () => (clock[tick++ % 2] as number),
      onClockReading: (r) => readings.push(r),
    })

    await client.postEvents([])
    await client.bootstrap().catch(() => undefined)

    expect(server.calls[0]?.body).toEqual({ events: [], sent_at: '2026-11-26T08:10:00.000Z' })
    const reading = { sentAt: clock[0], receivedAt: clock[1], serverTime: Date.parse(serverTime) }
    expect(readings).toEqual([reading, reading])
  })

  it('reports no round trip when the server does not send a readable X-Server-Time (an older server)', async () => {
    const server = scriptedServer().on('GET /bootstrap', json(bootstrap(), 200, { 'x-server-time': 'yesterday' })).on('GET /health', json({}))
    const readings: unknown[] = []
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch, onClockReading: (r) => readings.push(r) })

    await client.bootstrap()
    await client.health()

    expect(readings).toEqual([])
  })

  it('builds the delta query from cursor and limit', async () => {
    const server = scriptedServer().on('GET /workorders', json(page([workOrder(1)])))
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch })

    await client.workOrders({ cursor: 'abc', limit: 1000 })
    await client.workOrders({})

    expect(server.calls[0]?.query.get('cursor')).toBe('abc')
    expect(server.calls[0]?.query.get('limit')).toBe('1000')
    expect([...(server.calls[1]?.query.keys() ?? [])]).toEqual([])
  })

  it('turns the error envelope into an ApiError with code, status, correlation id and Retry-After', async () => {
    const server = scriptedServer().on('GET /bootstrap', errorReply(429, 'rate_limited', {}, { 'retry-after': '7', 'x-correlation-id': 'srv-9' }))
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch })

    const error = await client.bootstrap().catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ name: 'ApiError', code: 'rate_limited', status: 429, correlationId: 'srv-9', retryAfterMs: 7000 })
  })

  it('answers null for an unknown lot and for an event the server never received', async () => {
    const server = scriptedServer().on('GET /lots', errorReply(404, 'lot_unknown')).on('GET /events/e-1', errorReply(404, 'not_found'))
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch })

    expect(await client.lot('LOT-X', 7)).toBeNull()
    expect(server.calls[0]?.query.get('product_id')).toBe('7')
    expect(await client.getEvent('e-1')).toBeNull()
  })

  it('reports a failed fetch as a NetworkError that says to check the connection', async () => {
    const server = scriptedServer().on('GET /health', networkDown)
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch })

    await expect(client.health()).rejects.toBeInstanceOf(NetworkError)
    await expect(client.health()).rejects.toThrow(/check the network connection/)
  })

  it('aborts a request after the time limit with a TimeoutError', async () => {
    vi.useFakeTimers()
    let aborted = false
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => {
          aborted = true
          reject(new DOMException('aborted', 'AbortError'))
        })
      })
    const client = createApiClient({ baseUrl: BASE, fetch: hanging, timeoutMs: 5_000 })

    const result = client.health().catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(5_000)

    expect(await result).toBeInstanceOf(TimeoutError)
    expect(aborted).toBe(true)
  })

  it('refuses an HTML page answered with 200 (a login page or a proxy), never parsing it as data', async () => {
    const server = scriptedServer().on('GET /bootstrap', new Response('<html>Login</html>', { status: 200, headers: { 'content-type': 'text/html' } }))
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch })

    const error = await client.bootstrap().catch((e: unknown) => e)

    expect(error).toBeInstanceOf(UnexpectedResponseError)
    expect(error).toMatchObject({ status: 200 })
  })

  it('serves the API under /shopfloor_terminal/v1 of the given origin', async () => {
    const urls: string[] = []
    const client = createApiClient({
      baseUrl: 'https://odoo.example.com',
      fetch: async (url) => {
        urls.push(String(url))
        return json({ status: 'ok', api_version: '1', server_time: 'now' })
      },
    })

    await client.health()

    expect(urls).toEqual(['https://odoo.example.com/shopfloor_terminal/v1/health'])
  })
})
