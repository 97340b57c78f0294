import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createDemoServer, type DemoServer } from '../../../server/testing.ts'
import { PAIRING_MAX_FAILURES, PAIRING_MAX_FAILURES_GLOBAL } from '../../../server/services.ts'

let server: DemoServer
beforeEach(async () => {
  server = await createDemoServer({ listen: false })
})
afterEach(() => server.close())

async function pairFrom(address: string, code = 'ZZZZZZZZ'): Promise<{ status: number; scope?: string }> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/shopfloor_terminal/v1/pair',
    remoteAddress: address,
    payload: { pairing_code: code, device_name: 'guess', client_version: '1.0.0' },
  })
  const body = response.json<{ error?: { details?: { scope?: string } } }>()
  return { status: response.statusCode, scope: body.error?.details?.scope }
}

describe('pairing rate limits', () => {
  test('one bad tablet is limited on its own address; the others still pair', async () => {
    for (let i = 0; i < PAIRING_MAX_FAILURES; i++) expect((await pairFrom('10.0.0.1')).status).toBe(401)
    expect(await pairFrom('10.0.0.1')).toEqual({ status: 429, scope: 'address' })
    expect((await pairFrom('10.0.0.2', server.pairingCode)).status).toBe(200)
  })

  test('many addresses together hit the global limit, so the code space cannot be walked', async () => {
    const addresses = PAIRING_MAX_FAILURES_GLOBAL / PAIRING_MAX_FAILURES
    for (let a = 0; a < addresses; a++) {
      for (let i = 0; i < PAIRING_MAX_FAILURES; i++) expect((await pairFrom(`10.1.0.${a}`)).status).toBe(401)
    }
    expect(await pairFrom('10.2.0.1')).toEqual({ status: 429, scope: 'global' })
  })
})
