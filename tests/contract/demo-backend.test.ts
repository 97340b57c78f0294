import { pbkdf2Sync, randomUUID } from 'node:crypto'
import { afterEach, describe, expect, test } from 'vitest'
import type { Bootstrap, DecisionsResponse, EventsResponse, PairResponse, WorkOrder, WorkOrdersPage } from '../../src/domain/contract.ts'
import { CREDENTIAL_HASH_BYTES, credentialInput } from '../../src/domain/credentials.ts'
import { createDemoServer, type DemoServer } from '../../server/testing.ts'
import { ContractClient } from './client.ts'
import { expectError, target } from './fixtures.ts'

// Cases that need control a real Odoo does not give the suite (revoking, a clock, a fresh rate limit):
// each runs its own in-process demo backend, so they are skipped against other servers.
describe.runIf(target.demo)('demo backend only', () => {
  let server: DemoServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  async function start(nowMs?: () => number, tokenLifetimeDays?: number): Promise<{ server: DemoServer; client: ContractClient }> {
    server = await createDemoServer({ ...(nowMs ? { now: () => new Date(nowMs()) } : {}), tokenLifetimeDays })
    return { server, client: new ContractClient(server.baseUrl as string) }
  }

  async function pair(client: ContractClient, code: string): Promise<PairResponse> {
    const response = await client.post<PairResponse>('/pair', { pairing_code: code, device_name: 'demo', client_version: '1.0.0' })
    expect(response.status, response.text).toBe(200)
    return response.body
  }

  test('badges and PINs travel as hashes salted per terminal: the seeded BADGE-1005 / 1005 match, no clear text anywhere', async () => {
    const { server, client } = await start()
    const first = await pair(client, server.pairingCode)
    const second = await pair(client, server.newPairingCode())
    const boots = await Promise.all([first, second].map(async (p) => (await client.get<Bootstrap>('/bootstrap', { token: p.token })).body))
    const [a, b] = boots as [Bootstrap, Bootstrap]
    expect(a.terminal.credentials.salt).not.toBe(b.terminal.credentials.salt)
    for (const boot of boots) {
      expect(JSON.stringify(boot)).not.toMatch(/BADGE-\d{4}/)
      const emma = boot.operators.find((op) => op.name === 'Emma Johnson')
      const { salt, iterations } = boot.terminal.credentials
      const derive = (kind: 'badge' | 'pin', value: string) => {
        const input = credentialInput(kind, value, salt, emma?.id ?? 0)
        return pbkdf2Sync(input.password, input.salt, iterations, CREDENTIAL_HASH_BYTES, 'sha256').toString('hex')
      }
      expect(emma).toMatchObject({ badge_hash: derive('badge', 'BADGE-1005'), pin_hash: derive('pin', '1005') })
    }
    expect(a.operators.find((op) => op.name === 'Emma Johnson')?.badge_hash).not.toBe(b.operators.find((op) => op.name === 'Emma Johnson')?.badge_hash)
  })

  test('a revoked terminal gets 401 token_revoked at once', async () => {
    const { server, client } = await start()
    const pairing = await pair(client, server.pairingCode)
    expect((await client.get('/bootstrap', { token: pairing.token })).status).toBe(200)
    server.revokeTerminal(pairing.terminal.id)
    expectError(await client.get('/bootstrap', { token: pairing.token }), 401, 'token_revoked')
  })

  test('re-pairing a terminal replaces its token: the old one is 401 token_invalid', async () => {
    const { server, client } = await start()
    const first = await pair(client, server.pairingCode)
    const second = await pair(client, server.newPairingCode(first.terminal.id))
    expect(second.terminal.id).toBe(first.terminal.id)
    expect((await client.get('/bootstrap', { token: second.token })).status).toBe(200)
    expectError(await client.get('/bootstrap', { token: first.token }), 401, 'token_invalid')
  })

  test('a rotated token is 401 token_invalid at once; the new code pairs the same terminal again', async () => {
    const { server, client } = await start()
    const first = await pair(client, server.pairingCode)
    const code = server.rotateToken(first.terminal.id)
    expectError(await client.get('/bootstrap', { token: first.token }), 401, 'token_invalid')
    const again = await pair(client, code)
    expect(again.terminal.id).toBe(first.terminal.id)
    expect((await client.get('/bootstrap', { token: again.token })).status).toBe(200)
  })

  test('with a token lifetime, a token older than it is 401 token_invalid with details.reason expired', async () => {
    let clock = Date.parse('2026-11-23T08:00:00.000Z')
    const { server, client } = await start(() => clock, 30)
    const pairing = await pair(client, server.pairingCode)
    clock += 30 * 24 * 3_600_000 - 1
    expect((await client.get('/bootstrap', { token: pairing.token })).status).toBe(200)
    clock += 1
    const error = expectError(await client.get('/bootstrap', { token: pairing.token }), 401, 'token_invalid')
    expect(error.details).toEqual({ reason: 'expired', token_lifetime_days: 30 })
    const renewed = await pair(client, server.newPairingCode(pairing.terminal.id))
    expect((await client.get('/bootstrap', { token: renewed.token })).status).toBe(200)
  })

  test('after 10 wrong codes the address gets 429 rate_limited with Retry-After, even with a right code', async () => {
    const { server, client } = await start()
    const wrong = { pairing_code: 'ZZZZZZZZ', device_name: 'guess', client_version: '1.0.0' }
    for (let i = 0; i < 10; i++) expectError(await client.post('/pair', wrong), 401, 'pairing_code_invalid')
    const limited = await client.post('/pair', { ...wrong, pairing_code: server.pairingCode })
    expectError(limited, 429, 'rate_limited')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  test('health says demo, and the demo endpoint issues a code that pairs a new terminal once', async () => {
    const { server, client } = await start()
    const health = await client.get<{ demo?: boolean }>('/health', { token: null })
    expect(health.body.demo).toBe(true)
    const issued = await client.post<{ pairing_code: string }>('/shopfloor_terminal/demo/pairing-code', {})
    expect(issued.body.pairing_code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/)
    const seeded = await pair(client, server.pairingCode)
    const fresh = await pair(client, issued.body.pairing_code)
    expect(fresh.terminal.id).not.toBe(seeded.terminal.id)
    const reused = await client.post('/pair', { pairing_code: issued.body.pairing_code, device_name: 'again', client_version: '1.0.0' })
    expectError(reused, 401, 'pairing_code_invalid')
  })

  test('a code from the demo endpoint expires after 15 minutes', async () => {
    let now = Date.parse('2026-11-23T08:00:00Z')
    const { client } = await start(() => now)
    const issued = await client.post<{ pairing_code: string; expires_at: string }>('/shopfloor_terminal/demo/pairing-code', {})
    expect(issued.body.expires_at).toBe('2026-11-23T08:15:00.000Z')
    now += 15 * 60_000 + 1
    const late = await client.post('/pair', { pairing_code: issued.body.pairing_code, device_name: 'late', client_version: '1.0.0' })
    expectError(late, 401, 'pairing_code_invalid')
  })

  test('the demo endpoint pairs a terminal on one work center when asked: an isolated cell sees only itself, and no other terminal sees it', async () => {
    server = await createDemoServer({ demoCells: ['CELL-A'] })
    const client = new ContractClient(server.baseUrl as string)
    const codeFor = async (body: unknown) => (await client.post<{ pairing_code: string }>('/shopfloor_terminal/demo/pairing-code', body)).body.pairing_code
    const bootOf = async (code: string) => {
      const terminal = client.as((await pair(client, code)).token)
      return { boot: (await terminal.get<Bootstrap>('/bootstrap')).body, items: (await terminal.get<WorkOrdersPage>('/workorders')).body.items }
    }

    const cell = await bootOf(await codeFor({ work_center_code: 'CELL-A' }))
    expect(cell.boot.work_centers.map((c) => [c.code, c.name])).toEqual([['CELL-A', 'Cell CELL-A']])
    expect(cell.items.map((w) => [w.work_center.name, w.state, w.product.tracking])).toEqual(Array(3).fill(['Cell CELL-A', 'ready', 'none']))
    // Its own operator, and the plant's supervisors for the supervisor gate.
    expect(cell.boot.operators.map((o) => [o.name, o.can_release_holds])).toEqual([
      ['Cell CELL-A operator', false],
      ['Grace Taylor', true],
      ['Thomas Müller', true],
    ])

    for (const code of [await codeFor({}), server.pairingCode]) {
      const plant = await bootOf(code)
      expect(plant.boot.work_centers.map((c) => c.code).sort()).toEqual(['ASM1', 'CNC1', 'PACK1', 'PNT1'])
      expect(plant.items.some((w) => w.work_center.name === 'Cell CELL-A')).toBe(false)
      expect(plant.boot.operators.some((o) => o.name === 'Cell CELL-A operator')).toBe(false)
    }
    const cnc = await bootOf(await codeFor({ work_center_code: 'CNC1' }))
    expect(cnc.boot.work_centers.map((c) => c.code)).toEqual(['CNC1'])
    expect(cnc.items.length).toBeGreaterThan(0)
    expect(cnc.items.every((w) => w.work_center.name === 'CNC Machining')).toBe(true)
  })

  test('the demo endpoint refuses an unknown work center (404) and a body it cannot read (400), naming the field', async () => {
    server = await createDemoServer()
    const client = new ContractClient(server.baseUrl as string)
    const post = (body: unknown) => client.post('/shopfloor_terminal/demo/pairing-code', body)
    expect(expectError(await post({ work_center_code: 'NOPE' }), 404, 'not_found').details).toMatchObject({ field: 'work_center_code' })
    for (const [body, field] of [[{ work_center_code: 7 }, 'work_center_code'], [{ work_center: 'CNC1' }, 'work_center'], [['CNC1'], 'body']] as const) {
      expect(expectError(await post(body), 400, 'invalid_request').details).toMatchObject({ field })
    }
  })

  test('an office decision is listed by GET /decisions until the tablet sends its resend or discard', async () => {
    const { server, client } = await start()
    const terminal = client.as((await pair(client, server.pairingCode)).token)
    const boot = (await terminal.get<Bootstrap>('/bootstrap')).body
    const employeeId = boot.operators[0]?.id ?? null
    const wo = (await terminal.get<WorkOrdersPage>('/workorders')).body.items.find((w) => w.state === 'ready' && w.product.tracking === 'none') as WorkOrder
    const refused = (seq: number) => ({
      id: randomUUID(),
      type: 'workorder.produce',
      workorder_id: wo.id,
      occurred_at: new Date().toISOString(),
      device_seq: seq,
      employee_id: employeeId,
      payload: { qty: 0 },
    })
    const [first, second] = [refused(1), refused(2)]
    await terminal.post<EventsResponse>('/events', { events: [first] })
    await terminal.post<EventsResponse>('/events', { events: [second] })

    expect(server.decide(first.id, 'resend', 'Mitchell Admin', 'typo fixed')).toBe(true)
    expect(server.decide(second.id, 'resolve', 'Mitchell Admin')).toBe(true)
    const listed = (await terminal.get<DecisionsResponse>('/decisions')).body.decisions
    expect(listed).toEqual([
      { event_id: first.id, action: 'resend', decided_by: 'Mitchell Admin', decided_at: expect.any(String), note: 'typo fixed' },
      { event_id: second.id, action: 'discard', decided_by: 'Mitchell Admin', decided_at: expect.any(String), note: null },
    ])
    expect(server.ledger().find((l) => l.id === second.id)).toMatchObject({ resolution: 'resolved_in_odoo', decided_by: 'Mitchell Admin' })
    expect(server.decide(second.id, 'discard', 'Someone Else')).toBe(false)

    const resend = { ...first, id: randomUUID(), resend_of: first.id, resolved_by: null, payload: { qty: 1 } }
    const discard = {
      id: randomUUID(),
      type: 'event.discard',
      workorder_id: wo.id,
      occurred_at: new Date().toISOString(),
      device_seq: 2,
      employee_id: null,
      payload: { event_id: second.id, reason: 'Discarded in Odoo by Mitchell Admin' },
    }
    const results = (await terminal.post<EventsResponse>('/events', { events: [resend, discard] })).body.results
    expect(results, JSON.stringify(results.map((r) => ('error' in r ? r.error : r.status)))).toMatchObject([{ status: 'applied' }, { status: 'applied' }])
    expect((await terminal.get<DecisionsResponse>('/decisions')).body.decisions).toEqual([])
    expect(server.ledger().find((l) => l.id === first.id)).toMatchObject({ resolution: 'resent', resent_as: resend.id, resolved_by: null })
    // Marked resolved in the office: the tablet's discard leaves that resolution as it was.
    expect(server.ledger().find((l) => l.id === second.id)).toMatchObject({ resolution: 'resolved_in_odoo', resolution_reason: null })
  })
})
