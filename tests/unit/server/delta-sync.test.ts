import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { WorkOrdersPage } from '../../../src/domain/contract.ts'
import { applied, event, startHarness, type Harness } from './harness.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(() => h.close())

async function headCursor(): Promise<string> {
  let page = (await h.get<WorkOrdersPage>('/workorders?limit=1000')).body
  while (page.has_more) page = (await h.get<WorkOrdersPage>(`/workorders?limit=1000&cursor=${page.next_cursor}`)).body
  return page.next_cursor
}

describe('delta sync', () => {
  test('a work order finished today leaves in removed once 24 h have passed, without changing', async () => {
    const wo = (await h.workOrders()).find((w) => w.state === 'ready' && w.product.tracking === 'none')
    applied((await h.send(event(h, 'workorder.finish', wo?.id as number, { qty: wo?.qty_production as number })))[0])
    const cursor = await headCursor()
    h.advance(DAY + 1)
    const delta = (await h.get<WorkOrdersPage>(`/workorders?cursor=${cursor}`)).body
    expect(delta.removed).toContain(wo?.id)
    expect(delta.items).toEqual([])
    const next = (await h.get<WorkOrdersPage>(`/workorders?cursor=${delta.next_cursor}`)).body
    expect(next.removed).toEqual([])
  })

  test('a full sync never lists cancelled or long-finished work orders, and a delta page holds removals', async () => {
    const all = await h.workOrders()
    expect(all.some((w) => w.state === 'cancel')).toBe(false)
    expect(all.every((w) => w.state !== 'done' || h.now() - Date.parse(w.date_finished as string) <= DAY)).toBe(true)
  })

  test('paging a delta continues where the last page stopped, even when work orders change in between', async () => {
    const cursor = await headCursor()
    const all = await h.workOrders()
    const ready = all.filter((w) => w.state === 'ready' && w.product.tracking === 'none').slice(0, 2)
    // two operators: one operator starting the second would leave the first (one line at a time)
    for (const [index, wo] of ready.entries()) applied((await h.send(event(h, 'workorder.start', wo.id, {}, { employeeId: index + 1 })))[0])
    const first = (await h.get<WorkOrdersPage>(`/workorders?limit=2&cursor=${cursor}`)).body
    expect(first.has_more).toBe(true)
    applied((await h.send(event(h, 'workorder.pause', ready[0]?.id as number, {})))[0])
    const seen: number[] = first.items.map((w) => w.id)
    let page = first
    let pausedSeen = false
    while (page.has_more) {
      page = (await h.get<WorkOrdersPage>(`/workorders?limit=2&cursor=${page.next_cursor}`)).body
      seen.push(...page.items.map((w) => w.id))
      pausedSeen ||= page.items.some((w) => w.id === ready[0]?.id && !w.is_running)
    }
    const before = new Map(all.map((w) => [w.id, w.version]))
    const changed = (await h.workOrders()).filter((w) => before.get(w.id) !== w.version).map((w) => w.id)
    expect(changed).toEqual(expect.arrayContaining(ready.map((w) => w.id)))
    expect(new Set(seen)).toEqual(new Set(changed))
    expect(pausedSeen).toBe(true)
  })

  test('cursors older than 30 days, from another terminal or from another database are 410', async () => {
    const cursor = await headCursor()
    h.advance(31 * DAY)
    expect((await h.get(`/workorders?cursor=${cursor}`)).status).toBe(410)

    const other = await startHarness()
    try {
      const foreign = (await other.get<WorkOrdersPage>('/workorders?limit=1')).body.next_cursor
      const response = await h.get<{ error: { code: string } }>(`/workorders?cursor=${foreign}`)
      expect(response.status).toBe(410)
      expect(response.body.error.code).toBe('cursor_expired')
    } finally {
      await other.close()
    }
  })
})
