import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { WorkOrder } from '../../../src/domain/contract.ts'
import { codeOf, event, startHarness, type Harness } from './harness.ts'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(() => h.close())

/** An open work order with an untracked component, and a product its MO neither makes nor uses. */
async function orderAndStranger(): Promise<{ wo: WorkOrder; componentId: number; strangerId: number }> {
  const workOrders = await h.workOrders()
  for (const wo of workOrders) {
    const component = wo.components.find((c) => c.product.tracking === 'none')
    if (wo.state !== 'ready' || wo.product.tracking !== 'none' || !component) continue
    const mine = new Set([wo.product.id, ...workOrders.filter((w) => w.production.id === wo.production.id).flatMap((w) => w.components.map((c) => c.product.id))])
    const stranger = workOrders.flatMap((w) => [w.product, ...w.components.map((c) => c.product)]).find((p) => !mine.has(p.id) && p.tracking === 'none')
    if (stranger) return { wo, componentId: component.product.id, strangerId: stranger.id }
  }
  throw new Error('the demo plant has no such work order')
}

describe('scrap as Odoo scraps', () => {
  test('a product the MO neither makes nor uses is product_forbidden; a billion units never get that far', async () => {
    const { wo, strangerId } = await orderAndStranger()
    expect(codeOf((await h.send(event(h, 'scrap.record', wo.id, { product_id: strangerId, qty: 1 })))[0])).toBe('product_forbidden')
    const billion = (await h.send(event(h, 'scrap.record', wo.id, { product_id: strangerId, qty: 1_000_000_000 })))[0]
    expect(billion).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'payload.qty' } } })
  })

  test('the cap is the MO quantity of that product: the finished product up to the planned quantity, not beyond', async () => {
    const { wo, componentId } = await orderAndStranger()
    const over = (await h.send(event(h, 'scrap.record', wo.id, { product_id: wo.product.id, qty: wo.qty_production + 1 })))[0]
    expect(over).toMatchObject({ status: 'rejected', error: { code: 'scrap_over_cap', details: { max_qty: wo.qty_production } } })
    expect((await h.send(event(h, 'scrap.record', wo.id, { product_id: wo.product.id, qty: 1 })))[0]?.status).toBe('applied')
    expect((await h.send(event(h, 'scrap.record', wo.id, { product_id: componentId, qty: 1 })))[0]?.status).toBe('applied')
  })
})
