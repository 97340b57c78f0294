import { describe, expect, test } from 'vitest'
import type { Health } from '../../src/domain/contract.ts'
import { api, expectError } from './fixtures.ts'

describe('health', () => {
  test('answers without a token, with api_version and the server time', async () => {
    const response = await api.get<Health>('/health', { token: null })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(response.body.status).toBe('ok')
    expect(response.body.api_version).toBe('1')
    expect(Math.abs(Date.parse(response.body.server_time) - Date.now())).toBeLessThan(5 * 60_000)
  })
})

describe('error envelope', () => {
  test('an unknown route under the base is 404 not_found', async () => {
    expectError(await api.get('/no-such-endpoint'), 404, 'not_found')
  })

  test('a wrong method on a known route is 405 method_not_allowed', async () => {
    expectError(await api.request('DELETE', '/bootstrap'), 405, 'method_not_allowed')
  })

  test('no Authorization header is 401 unauthorized', async () => {
    expectError(await api.get('/bootstrap', { token: null }), 401, 'unauthorized')
  })

  test('an unknown token is 401 token_invalid', async () => {
    expectError(await api.get('/bootstrap', { token: 'sft_not-a-real-token-at-all-0000000000000000' }), 401, 'token_invalid')
  })

  test('a client older than 1.0.0 is 426 client_too_old', async () => {
    expectError(await api.get('/health', { headers: { 'X-Terminal-Client': '0.9.0' } }), 426, 'client_too_old')
  })

  test('a supported client version passes', async () => {
    expect((await api.get('/health', { headers: { 'X-Terminal-Client': '1.4.2' } })).status).toBe(200)
  })
})

describe('correlation ids', () => {
  test('a valid X-Correlation-ID is echoed, on success and on error', async () => {
    const ok = await api.get('/health', { headers: { 'X-Correlation-ID': 'contract.ok-1' } })
    expect(ok.headers.get('x-correlation-id')).toBe('contract.ok-1')
    const failed = await api.get('/bootstrap', { token: null, headers: { 'X-Correlation-ID': 'contract.err-1' } })
    expect(expectError(failed, 401, 'unauthorized').correlation_id).toBe('contract.err-1')
  })

  test('a missing or malformed one is replaced by a generated one, never refused', async () => {
    const missing = await api.get('/health')
    expect(missing.headers.get('x-correlation-id')).toMatch(/^[A-Za-z0-9._-]{1,64}$/)
    const malformed = await api.get('/health', { headers: { 'X-Correlation-ID': 'has spaces and / slashes' } })
    expect(malformed.status).toBe(200)
    const generated = malformed.headers.get('x-correlation-id')
    expect(generated).toMatch(/^[A-Za-z0-9._-]{1,64}$/)
    expect(generated).not.toBe('has spaces and / slashes')
  })
})
