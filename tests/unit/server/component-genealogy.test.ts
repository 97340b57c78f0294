import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { Component, WorkOrder } from '../../../src/domain/contract.ts'
import { applied, codeOf, event, startHarness, type Harness } from './harness.ts'

let h: Harness
beforeEach(async () => {
  // enough orders that every product has fresh ones
  h = await startHarness({ demoWorkOrders: 400 })
})
afterEach(() => h.close())

/** The first operation, ready and free, of a product: its components are the order's first ones. */
async function firstOperation(product: string, nth = 0): Promise<WorkOrder> {
  const found = (await h.workOrders()).filter(
    (wo) => wo.product.display_name.includes(product) && wo.sequence === 10 && wo.state === 'ready' && !wo.is_blocked,
  )[nth]
  if (!found) throw new Error(`the demo plant has no ready first operation of ${product}`)
  return found
}

function line(wo: WorkOrder, product: string): Component {
  const found = wo.components.find((c) => c.product.display_name.includes(product))
  if (!found?.move_id) throw new Error(`no ${product} on work order ${wo.id}`)
  return found
}

const consume = (wo: WorkOrder, c: Component, qty: number, lot_name?: string) =>
  event(h, 'component.consume', wo.id, { move_id: c.move_id as number, qty, ...(lot_name ? { lot_name } : {}) })

/** Produces and finishes every operation of the order with `qty` (lot LOT-E for tracked products). */
async function runThrough(first: WorkOrder, qty: number): Promise<WorkOrder[]> {
  const operations = (await h.workOrders())
    .filter((wo) => wo.production.id === first.production.id)
    .sort((a, b) => a.sequence - b.sequence)
  for (const op of operations) {
    const lot = op.product.tracking === 'none' ? {} : { lot_name: 'LOT-E' }
    applied((await h.send(event(h, 'workorder.produce', op.id, { qty, ...lot })))[0])
    applied((await h.send(event(h, 'workorder.finish', op.id, { qty })))[0])
  }
  return operations
}

describe('component.consume (demo backend)', () => {
  test('records the lots consumed on the component line; produce no longer consumes it in proportion', async () => {
    const wo = await firstOperation('Drawer')
    const plywood = line(wo, 'Plywood')
    applied((await h.send(consume(wo, plywood, 2, 'PLY2411A01')))[0])
    const after = applied((await h.send(consume(wo, plywood, 1.5, 'PLY2411B02')))[0])
    expect(line(after, 'Plywood')).toMatchObject({
      qty_consumed: 3.5,
      lots: [
        { name: 'PLY2411A01', qty: 2 },
        { name: 'PLY2411B02', qty: 1.5 },
      ],
    })
    const produced = applied((await h.send(event(h, 'workorder.produce', wo.id, { qty: 1, lot_name: 'LOT-E' })))[0])
    expect(line(produced, 'Plywood').qty_consumed).toBe(3.5)
  })

  test('a correction gives back part of a lot, never more than was recorded', async () => {
    const wo = await firstOperation('Drawer')
    const plywood = line(wo, 'Plywood')
    await h.send(consume(wo, plywood, 2, 'PLY2411A01'))
    expect(codeOf((await h.send(consume(wo, plywood, -3, 'PLY2411A01')))[0])).toBe('qty_invalid')
    const corrected = applied((await h.send(consume(wo, plywood, -2, 'PLY2411A01')))[0])
    expect(line(corrected, 'Plywood')).toMatchObject({ qty_consumed: 0, lots: [] })
  })

  test('unknown, missing and held lots, foreign lines and lots on untracked components are refused', async () => {
    const wo = await firstOperation('Drawer')
    const plywood = line(wo, 'Plywood')
    const other = await firstOperation('Wall Shelf')
    await h.send(event(h, 'quality.hold', other.id, { lot_name: 'PLY2411C03', reason_id: 1 }))
    // one batch each: a rejected event holds back the later ones of its work order
    const results = []
    for (const refused of [
      consume(wo, plywood, 1, 'PLY-NOPE'),
      consume(wo, plywood, 1),
      consume(wo, plywood, 1, 'PLY2411C03'),
      consume(wo, line(other, 'Plywood'), 1, 'PLY2411A01'),
    ]) {
      results.push(...(await h.send(refused)))
    }
    expect(results.map(codeOf)).toEqual(['lot_unknown', 'lot_required', 'lot_on_hold', 'component_unknown'])
    expect(line(h.server.workOrder(wo.id) as WorkOrder, 'Plywood').lots).toEqual([])
  })

  test('beyond the bill of materials: strict refuses, warning applies and flags, flexible applies', async () => {
    const strict = await firstOperation('Steel Cabinet')
    const steel = line(strict, 'Steel')
    expect(codeOf((await h.send(consume(strict, steel, steel.qty_required + 1, 'STL2411A01')))[0])).toBe('consumption_exceeded')

    const warning = await firstOperation('Drawer')
    const plywood = line(warning, 'Plywood')
    const over = consume(warning, plywood, plywood.qty_required + 1, 'PLY2411A01')
    applied((await h.send(over))[0])
    expect(h.server.eventFlags()).toEqual([expect.objectContaining({ event_id: over.id, production_id: warning.production.id })])

    const flexible = await firstOperation('Wall Shelf')
    const shelfPly = line(flexible, 'Plywood')
    applied((await h.send(consume(flexible, shelfPly, shelfPly.qty_required + 1, 'PLY2411B02')))[0])
    expect(h.server.eventFlags()).toHaveLength(1)
  })
})

describe('production.close (demo backend)', () => {
  test('closes the order with what the last operation made; the lots stay on its components', async () => {
    const first = await firstOperation('Drawer')
    applied((await h.send(consume(first, line(first, 'Plywood'), 2, 'PLY2411A01')))[0])
    const operations = await runThrough(first, first.qty_production)
    const last = operations.at(-1) as WorkOrder
    const close = event(h, 'production.close', last.id, { backorder: false })
    const closed = applied((await h.send(close))[0])
    expect(closed.production.state).toBe('done')
    expect(closed.components_availability_state).toBeNull()
    expect(line(h.server.workOrder(first.id) as WorkOrder, 'Plywood').lots).toEqual([{ name: 'PLY2411A01', qty: 2 }])
    expect((await h.send(close))[0]?.status).toBe('duplicate')
  })

  test('with a backorder the rest becomes a new order; without one it is dropped', async () => {
    for (const [nth, backorder] of [true, false].entries()) {
      const first = await firstOperation('Wall Shelf', nth)
      const made = first.qty_production - 2
      const operations = await runThrough(first, made)
      applied((await h.send(event(h, 'production.close', (operations.at(-1) as WorkOrder).id, { backorder })))[0])
      const rest = (await h.workOrders()).filter((wo) => wo.production.name === `${first.production.name}-001`)
      expect(rest.map((wo) => wo.qty_production)).toEqual(backorder ? operations.map(() => 2) : [])
      expect(h.server.workOrder(first.id)?.qty_production).toBe(backorder ? made : first.qty_production)
    }
  })

  test('nothing produced yet is refused', async () => {
    const first = await firstOperation('Wall Shelf')
    expect(codeOf((await h.send(event(h, 'production.close', first.id, { backorder: false })))[0])).toBe('qty_invalid')
  })
})

describe('shortages', () => {
  test('a late component shows on the order with its expected date, and the line says what is short', async () => {
    const late = (await h.workOrders()).find((wo) => wo.components_availability_state === 'late')
    expect(late?.components_expected_date).toEqual(expect.any(String))
    const short = (await h.workOrders())
      .filter((wo) => wo.production.id === late?.production.id)
      .flatMap((wo) => wo.components)
      .filter((c) => c.availability?.is_short)
    expect(short.map((c) => c.product.display_name)).toEqual([expect.stringContaining('Cabinet Hinge')])
  })
})
