import { describe, expect, test } from 'vitest'
import type { WorkOrder, WorkOrdersPage } from '../../src/domain/contract.ts'
import {
  allWorkOrders,
  api,
  appliedWorkOrder,
  bootstrap,
  claimWorkOrder,
  expectError,
  minutesAgo,
  newEvent,
  ownOperatorId,
  sendEvent,
  sendEvents,
  skipIfOperatorTimeTaken,
  skipIfWorkOrderTooYoung,
} from './fixtures.ts'

function expectWorkOrderShape(wo: WorkOrder): void {
  expect(wo).toMatchObject({
    id: expect.any(Number),
    name: expect.any(String),
    sequence: expect.any(Number),
    production: { id: expect.any(Number), name: expect.any(String) },
    product: { id: expect.any(Number), display_name: expect.any(String) },
    work_center: { id: expect.any(Number), name: expect.any(String), code: expect.any(String) },
    is_running: expect.any(Boolean),
    qty_production: expect.any(Number),
    qty_produced: expect.any(Number),
    qty_producing: expect.any(Number),
    lots_producing: expect.any(Array),
    duration_expected: expect.any(Number),
    duration: expect.any(Number),
    components: expect.any(Array),
    holds: expect.any(Array),
    is_blocked: expect.any(Boolean),
    version: expect.any(String),
  })
  expect(['blocked', 'ready', 'progress', 'done', 'cancel']).toContain(wo.state)
  expect(['none', 'lot', 'serial']).toContain(wo.product.tracking)
}

async function page(query: string): Promise<WorkOrdersPage> {
  const response = await api.get<WorkOrdersPage>(`/workorders${query}`)
  expect(response.status, response.text).toBe(200)
  return response.body
}

describe('work orders: full sync', () => {
  test('lists the terminal’s open work orders (and those finished in the last 24 h), none removed', async () => {
    const first = await page('')
    const centers = (await bootstrap()).terminal.work_center_ids
    expect(first.removed).toEqual([])
    expect(typeof first.next_cursor).toBe('string')
    for (const wo of first.items) {
      expectWorkOrderShape(wo)
      expect(centers).toContain(wo.work_center.id)
      expect(wo.state).not.toBe('cancel')
      if (wo.state === 'done') expect(Date.now() - Date.parse(wo.date_finished as string)).toBeLessThanOrEqual(24 * 3600_000)
    }
  })

  test('pages with limit and cursor cover the same set as one big page, each item once', async () => {
    const everything = await allWorkOrders()
    const paged: number[] = []
    let cursor = ''
    let pages = 0
    for (;;) {
      const body = await page(`?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      expect(body.items.length).toBeLessThanOrEqual(3)
      paged.push(...body.items.map((wo) => wo.id))
      pages += 1
      if (!body.has_more) break
      cursor = body.next_cursor
    }
    expect(new Set(paged).size).toBe(paged.length)
    expect(paged.sort((a, b) => a - b)).toEqual(everything.map((wo) => wo.id).sort((a, b) => a - b))
    if (everything.length > 3) expect(pages).toBeGreaterThan(1)
  })

  test.each(['0', '1001', 'ten', '-5'])('limit=%s is 400 invalid_request on field limit', async (limit) => {
    const error = expectError(await api.get(`/workorders?limit=${limit}`), 400, 'invalid_request')
    expect(error.details?.field).toBe('limit')
  })

  test('an unreadable cursor is 410 cursor_expired', async () => {
    expectError(await api.get('/workorders?cursor=not-a-cursor'), 410, 'cursor_expired')
  })
})

describe('work orders: delta sync', () => {
  async function cursorAtHead(): Promise<string> {
    let body = await page('?limit=1000')
    while (body.has_more) body = await page(`?limit=1000&cursor=${encodeURIComponent(body.next_cursor)}`)
    return body.next_cursor
  }

  test('after the cursor, only what changed comes back, with a new version', async (ctx) => {
    const employeeId = await ownOperatorId(ctx, 4)
    const wo = await claimWorkOrder(ctx)
    const cursor = await cursorAtHead()
    expect((await page(`?cursor=${encodeURIComponent(cursor)}`)).items).toEqual([])
    const started = appliedWorkOrder(await sendEvent(newEvent('workorder.start', wo.id, {}, { employeeId })))
    const delta = await page(`?cursor=${encodeURIComponent(cursor)}`)
    expect(delta.items.find((item) => item.id === wo.id)?.version).toBe(started.version)
    expect(started.version).not.toBe(wo.version)
    // The first start may also move the manufacturing order's state, which its other operations show.
    for (const item of delta.items) expect(item.production.id).toBe(wo.production.id)
    // leaves the operator idle, so a later run of the suite on this server switches nothing
    expect((await sendEvent(newEvent('workorder.pause', wo.id, {}, { employeeId }))).status).toBe('applied')
  })

  test('a work order finished more than 24 h ago comes back in removed', async (ctx) => {
    const employeeId = await ownOperatorId(ctx, 5)
    const wo = await claimWorkOrder(ctx)
    const cursor = await cursorAtHead()
    const results = await sendEvents([
      newEvent('workorder.start', wo.id, {}, { employeeId, occurredAt: minutesAgo(26 * 60) }),
      newEvent('workorder.finish', wo.id, { qty: wo.qty_production }, { employeeId, occurredAt: minutesAgo(25 * 60) }),
    ])
    skipIfWorkOrderTooYoung(ctx, results)
    skipIfOperatorTimeTaken(ctx, results)
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied'])
    const delta = await page(`?cursor=${encodeURIComponent(cursor)}`)
    expect(delta.removed).toContain(wo.id)
    expect(delta.items.map((item) => item.id)).not.toContain(wo.id)
    expect((await allWorkOrders()).map((item) => item.id)).not.toContain(wo.id)
  })
})
