import { createHash } from 'node:crypto'
import { afterEach, describe, expect, test } from 'vitest'
import {
  INSTRUCTION_MIMETYPES,
  type Bootstrap,
  type InstructionAttachment,
  type PairResponse,
  type WorkOrder,
  type WorkOrdersPage,
} from '../../src/domain/contract.ts'
import { createDemoServer, type DemoServer } from '../../server/testing.ts'
import { API, ContractClient } from './client.ts'
import { allWorkOrders, api, expectError, target } from './fixtures.ts'

/** An instruction file's bytes as the terminal fetches them (the suite's client reads bodies as text). */
async function download(baseUrl: string, token: string | null, id: number): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const headers: Record<string, string> = { 'X-Terminal-Client': '1.0.0' }
  if (token) headers.Authorization = `Bearer ${token}`
  const response = await fetch(`${baseUrl}${API}/attachments/${id}`, { headers })
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) }
}

function listedFiles(workOrders: readonly WorkOrder[]): InstructionAttachment[] {
  const byId = new Map<number, InstructionAttachment>()
  for (const wo of workOrders) for (const file of wo.attachments ?? []) byId.set(file.id, file)
  return [...byId.values()]
}

describe('work instructions', () => {
  test('every work order carries its instructions, the start flag and its files', async () => {
    for (const wo of await allWorkOrders()) {
      expect(wo.instructions === null || typeof wo.instructions === 'string').toBe(true)
      expect(typeof wo.open_instructions_on_start).toBe('boolean')
      if (wo.open_instructions_on_start) expect(wo.instructions !== null || (wo.attachments ?? []).length > 0).toBe(true)
      expect(wo.instructions ?? '').not.toMatch(/<script|\son\w+=|javascript:/i)
      for (const file of wo.attachments ?? []) {
        expect(file).toEqual({
          id: expect.any(Number),
          name: expect.any(String),
          mimetype: expect.any(String),
          size: expect.any(Number),
          checksum: expect.stringMatching(/^[0-9a-f]{40}$/),
          offline: expect.any(Boolean),
        })
        expect(INSTRUCTION_MIMETYPES).toContain(file.mimetype)
      }
    }
  })

  test('each listed file downloads with its type, size and checksum', async (ctx) => {
    const files = listedFiles(await allWorkOrders())
    if (files.length === 0) ctx.skip()
    for (const file of files) {
      const got = await download(target.baseUrl, target.token, file.id)
      expect(got.status).toBe(200)
      expect(got.type).toBe(file.mimetype)
      expect(got.bytes.length).toBe(file.size)
      expect(createHash('sha1').update(got.bytes).digest('hex')).toBe(file.checksum)
    }
  })

  test('an unknown or malformed id is 404 not_found, no token is 401', async () => {
    expectError(await api.get('/attachments/2147483000'), 404, 'not_found')
    expectError(await api.get('/attachments/abc'), 404, 'not_found')
    expectError(await api.get('/attachments/1', { token: null }), 401, 'unauthorized')
  })
})

describe.runIf(target.demo)('work instructions: demo backend only', () => {
  let server: DemoServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  async function pair(client: ContractClient, code: string): Promise<ContractClient> {
    const response = await client.post<PairResponse>('/pair', { pairing_code: code, device_name: 'demo', client_version: '1.0.0' })
    expect(response.status, response.text).toBe(200)
    return client.as(response.body.token)
  }

  test('the demo plant has an operation that opens instructions with a PDF and an image', async () => {
    server = await createDemoServer()
    const client = await pair(new ContractClient(server.baseUrl as string), server.pairingCode)
    const items = (await client.get<WorkOrdersPage>('/workorders?limit=1000')).body.items
    const opening = items.find((wo) => wo.open_instructions_on_start)
    expect(opening?.instructions).toContain('<ol>')
    expect(opening?.attachments?.map((file) => file.mimetype).sort()).toEqual(['application/pdf', 'image/png'])
    const pdf = await download(server.baseUrl as string, client.token, opening?.attachments?.find((f) => f.mimetype === 'application/pdf')?.id ?? 0)
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  })

  test("another work center's file is 403 forbidden", async () => {
    server = await createDemoServer()
    const everywhere = await pair(new ContractClient(server.baseUrl as string), server.pairingCode)
    const items = (await everywhere.get<WorkOrdersPage>('/workorders?limit=1000')).body.items
    const file = listedFiles(items)[0] as InstructionAttachment
    const centers = (await everywhere.get<Bootstrap>('/bootstrap')).body.work_centers
    const withFile = new Set(items.filter((wo) => (wo.attachments ?? []).some((f) => f.id === file.id)).map((wo) => wo.work_center.id))
    const elsewhere = centers.find((center) => !withFile.has(center.id))
    const packing = await pair(new ContractClient(server.baseUrl as string), server.newTerminalOn([elsewhere?.id ?? 0]))
    expectError(await packing.get(`/attachments/${file.id}`), 403, 'forbidden')
    expect((await download(server.baseUrl as string, everywhere.token, file.id)).status).toBe(200)
  })
})
