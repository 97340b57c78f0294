import { describe, expect, test } from 'vitest'
import type { Bootstrap, PairResponse } from '../../src/domain/contract.ts'
import { ContractClient } from './client.ts'
import { api, expectError, target } from './fixtures.ts'

const device = { device_name: 'contract pairing', client_version: '1.0.0' }

/** A fresh one-time code from the demo backend's demo-only endpoint. */
async function demoCode(): Promise<string> {
  const response = await api.post<{ pairing_code: string; expires_at: string }>('/shopfloor_terminal/demo/pairing-code', {})
  expect(response.status).toBe(200)
  return response.body.pairing_code
}

describe('pairing', () => {
  test('the suite paired: a terminal and an sft_ token shown once', () => {
    const pairing: PairResponse = target.pairing
    expect(pairing.terminal.id).toEqual(expect.any(Number))
    expect(pairing.terminal.name).toEqual(expect.any(String))
    expect(pairing.token).toMatch(/^sft_[A-Za-z0-9_-]{43}$/)
    expect(pairing.api_version).toBe('1')
  })

  test('a wrong code is 401 pairing_code_invalid', async () => {
    const response = await api.post('/pair', { pairing_code: 'ZZZZZZZZ', ...device }, { token: null })
    expectError(response, 401, 'pairing_code_invalid')
  })

  test('a used code is 401 pairing_code_invalid', async () => {
    const response = await api.post('/pair', { pairing_code: target.usedPairingCode, ...device }, { token: null })
    expectError(response, 401, 'pairing_code_invalid')
  })

  test('a body without the device name is 400 invalid_request naming the field', async () => {
    const response = await api.post('/pair', { pairing_code: 'ZZZZZZZZ', client_version: '1.0.0' }, { token: null })
    expect(expectError(response, 400, 'invalid_request').details?.field).toBe('device_name')
  })
})

describe.runIf(target.demo)('pairing (demo backend)', () => {
  test('a code pairs once, typed in lower case with a dash; the token reads bootstrap', async () => {
    const code = await demoCode()
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase()
    const first = await api.post<PairResponse>('/pair', { pairing_code: typed, ...device }, { token: null })
    expect(first.status).toBe(200)
    expect(first.body.terminal.name).toBe(device.device_name)
    const terminal = new ContractClient(target.baseUrl, first.body.token)
    const boot = await terminal.get<Bootstrap>('/bootstrap')
    expect(boot.status).toBe(200)
    expect(boot.body.terminal.id).toBe(first.body.terminal.id)
    expectError(await api.post('/pair', { pairing_code: code, ...device }, { token: null }), 401, 'pairing_code_invalid')
  })
})
