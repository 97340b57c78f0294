import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { WorkOrder } from '../../../src/domain/contract.ts'
import { applied, codeOf, event, startHarness, type Harness } from './harness.ts'

const MINUTE = 60_000
const SUPERVISOR = 9

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(() => h.close())

async function find(predicate: (wo: WorkOrder) => boolean): Promise<WorkOrder> {
  const found = (await h.workOrders()).find(predicate)
  if (!found) throw new Error('the demo plant has no such work order')
  return found
}

const readyUntracked = (wo: WorkOrder) => wo.state === 'ready' && wo.product.tracking === 'none' && !wo.is_blocked

describe('operations of a manufacturing order (Odoo 19 states)', () => {
  test('a blocked operation starts as in Odoo; finishing the ones before makes the next ready, the last finish closes the MO', async () => {
    const all = await h.workOrders()
    const opsOf = (wo: WorkOrder) => all.filter((o) => o.production.id === wo.production.id).sort((a, b) => a.sequence - b.sequence)
    const first = await find((wo) => readyUntracked(wo) && wo.sequence === 10 && opsOf(wo).length === 3)
    const [, second, third] = opsOf(first) as [WorkOrder, WorkOrder, WorkOrder]
    expect([second.state, third.state]).toEqual(['blocked', 'blocked'])
    expect(applied((await h.send(event(h, 'workorder.start', second.id, {})))[0])).toMatchObject({ state: 'progress', is_running: true })

    applied((await h.send(event(h, 'workorder.finish', first.id, { qty: first.qty_production })))[0])
    applied((await h.send(event(h, 'workorder.finish', second.id, { qty: first.qty_production })))[0])
    expect((await find((wo) => wo.id === third.id)).state).toBe('ready')
    applied((await h.send(event(h, 'workorder.finish', third.id, { qty: first.qty_production })))[0])
    expect(h.server.workOrder(third.id)?.production.state).toBe('to_close')
  })

  test('start opens a timer once, pause keeps the duration and state, a second pause changes nothing', async () => {
    const wo = await find(readyUntracked)
    const start = h.now()
    applied((await h.send(event(h, 'workorder.start', wo.id, {}, { at: start })))[0])
    const again = applied((await h.send(event(h, 'workorder.start', wo.id, {}, { at: start + MINUTE })))[0])
    expect(again.is_running).toBe(true)
    h.advance(20 * MINUTE)
    const paused = applied((await h.send(event(h, 'workorder.pause', wo.id, { loss_reason_id: 3 })))[0])
    expect(paused).toMatchObject({ state: 'progress', is_running: false, duration: 20 })
    const pausedAgain = applied((await h.send(event(h, 'workorder.pause', wo.id, {})))[0])
    expect(pausedAgain.duration).toBe(20)
    expect(pausedAgain.version).toBe(paused.version)
  })

  test('a pause recorded before its start (device clock skew) is refused, not turned into a zero-length line', async () => {
    const wo = await find(readyUntracked)
    await h.send(event(h, 'workorder.start', wo.id, {}, { at: h.now() - MINUTE }))
    const refused = (await h.send(event(h, 'workorder.pause', wo.id, {}, { at: h.now() - 5 * MINUTE })))[0]
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'occurred_before_start', details: { field: 'occurred_at' } } })
    expect(h.server.workOrder(wo.id)?.is_running).toBe(true)
  })

  test("produce adds quantity; the components follow the order's quantity producing", async () => {
    const wo = await find((w) => readyUntracked(w) && w.components.length > 0)
    const produced = applied((await h.send(event(h, 'workorder.produce', wo.id, { qty: 1 })))[0])
    expect(produced.qty_produced).toBe(1)
    expect(produced.qty_producing).toBeGreaterThanOrEqual(1)
    const component = produced.components[0]
    expect(component?.qty_consumed).toBeCloseTo(((component?.qty_required ?? 0) * produced.qty_producing) / wo.qty_production, 5)
  })

  test("finish records the quantity the operator confirmed, never Odoo's planned fallback; without qty it is invalid", async () => {
    const [reported, silent] = (await h.workOrders()).filter(readyUntracked)
    await h.send(event(h, 'workorder.produce', reported?.id as number, { qty: 1 }))
    expect(applied((await h.send(event(h, 'workorder.finish', reported?.id as number, { qty: 1 })))[0])).toMatchObject({ state: 'done', qty_produced: 1 })
    const [missing] = await h.send(event(h, 'workorder.finish', silent?.id as number, {} as { qty: number }))
    expect(missing).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'payload.qty' } } })
    const planned = silent?.qty_production as number
    const chosen = applied((await h.send(event(h, 'workorder.finish', silent?.id as number, { qty: planned, qty_basis: 'planned' })))[0])
    expect(chosen).toMatchObject({ state: 'done', qty_produced: planned })
  })

  test('finishing with an explicit 0 is refused: that is a cancellation', async () => {
    const wo = await find(readyUntracked)
    expect(codeOf((await h.send(event(h, 'workorder.finish', wo.id, { qty: 0 })))[0])).toBe('qty_invalid')
  })

  test('a pause on a finished work order changes nothing and applies', async () => {
    const wo = await find(readyUntracked)
    const finished = applied((await h.send(event(h, 'workorder.finish', wo.id, { qty: 1 })))[0])
    const paused = applied((await h.send(event(h, 'workorder.pause', wo.id, {})))[0])
    expect(paused.version).toBe(finished.version)
  })
})

describe('downtime', () => {
  test('stops running timers of the work center and blocks starts until it ends', async () => {
    const running = await find((wo) => wo.is_running)
    const center = running.work_center.id
    const other = await find((wo) => readyUntracked(wo) && wo.work_center.id === center)
    const stop = applied((await h.send(event(h, 'downtime.start', other.id, { loss_reason_id: 2, note: 'spindle' })))[0])
    expect(stop.is_blocked).toBe(true)
    const stopped = await find((wo) => wo.id === running.id)
    expect(stopped).toMatchObject({ is_running: false, is_blocked: true })
    expect(codeOf((await h.send(event(h, 'workorder.start', other.id, {})))[0])).toBe('workcenter_down')
    expect(codeOf((await h.send(event(h, 'workorder.finish', running.id, { qty: 1 })))[0])).toBe('workcenter_down')
    expect(codeOf((await h.send(event(h, 'downtime.start', other.id, { loss_reason_id: 2 })))[0])).toBe('downtime_already_open')
    const boot = await h.bootstrap()
    expect(boot.work_centers.find((wc) => wc.id === center)?.open_downtime).toEqual({ loss_reason_id: 2, since: new Date(h.now()).toISOString() })

    applied((await h.send(event(h, 'downtime.end', other.id, {})))[0])
    expect(applied((await h.send(event(h, 'workorder.start', other.id, {})))[0]).is_running).toBe(true)
    expect(codeOf((await h.send(event(h, 'downtime.end', other.id, {})))[0])).toBe('downtime_not_open')
  })

  test('a productive loss is not a downtime reason', async () => {
    const wo = await find(readyUntracked)
    expect(codeOf((await h.send(event(h, 'downtime.start', wo.id, { loss_reason_id: 7 })))[0])).toBe('reason_unknown')
  })
})

describe('lots and serials', () => {
  test('a lot-tracked product needs a lot; an unknown lot is created and can be looked up', async () => {
    const wo = await find((w) => w.state === 'ready' && w.product.tracking === 'lot' && w.lots_producing.length === 0)
    expect(codeOf((await h.send(event(h, 'workorder.produce', wo.id, { qty: 1 })))[0])).toBe('lot_required')
    const produced = applied((await h.send(event(h, 'workorder.produce', wo.id, { qty: 2, lot_name: 'NEWLOT42' })))[0])
    expect(produced.lots_producing.map((lot) => lot.name)).toEqual(['NEWLOT42'])
    const lookup = await h.get<{ lot: { name: string; product: { id: number } } }>(`/lots?barcode=%20NEWLOT42%20`)
    expect(lookup.body.lot).toMatchObject({ name: 'NEWLOT42', product: { id: wo.product.id } })
  })

  test('a lot belongs to the manufacturing order: every operation shows it, and it stays the only one', async () => {
    const wo = await find((w) => w.state === 'ready' && w.product.tracking === 'lot' && w.lots_producing.length === 0)
    applied((await h.send(event(h, 'workorder.produce', wo.id, { qty: 1, lot_name: 'MO-LOT-1' })))[0])
    const siblings = (await h.workOrders()).filter((w) => w.production.id === wo.production.id)
    expect(siblings.every((w) => w.lots_producing.some((lot) => lot.name === 'MO-LOT-1'))).toBe(true)
    const other = (await h.send(event(h, 'workorder.produce', wo.id, { qty: 1, lot_name: 'MO-LOT-2' })))[0]
    expect(other).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'payload.lot_name' } } })
  })

  test('a serial is produced one unit at a time and only once', async () => {
    const wo = await find((w) => w.state === 'ready' && w.product.tracking === 'serial' && w.qty_production >= 2)
    expect(codeOf((await h.send(event(h, 'workorder.produce', wo.id, { qty: 2, lot_name: 'SN-NEW-1' })))[0])).toBe('serial_qty')
    applied((await h.send(event(h, 'workorder.produce', wo.id, { qty: 1, lot_name: 'SN-NEW-1' })))[0])
    const twice = (await h.send(event(h, 'workorder.produce', wo.id, { qty: 1, lot_name: 'SN-NEW-1' })))[0]
    expect(codeOf(twice)).toBe('serial_already_produced')
  })

  test('a held lot shows on the work orders producing it and stops their production', async () => {
    const held = await find((wo) => wo.holds.some((hold) => hold.lot_name !== null))
    expect(held.is_blocked).toBe(true)
    const hold = held.holds[0]
    expect(codeOf((await h.send(event(h, 'workorder.produce', held.id, { qty: 1, lot_name: 'OTHER' })))[0])).toBe('workorder_on_hold')
    expect(codeOf((await h.send(event(h, 'quality.release', held.id, { hold_id: hold?.id as number })))[0])).toBe('release_not_allowed')
    const released = applied((await h.send(event(h, 'quality.release', held.id, { hold_id: hold?.id as number }, { employeeId: SUPERVISOR })))[0])
    expect(released.holds).toEqual([])
    expect(released.is_blocked).toBe(false)
  })

  test('hold and scrap of an unknown lot are rejected lot_unknown; a tracked scrap needs its lot', async () => {
    const wo = await find((w) => w.state === 'ready' && w.product.tracking === 'lot')
    expect(codeOf((await h.send(event(h, 'quality.hold', wo.id, { reason_id: 1, lot_name: 'NOPE' })))[0])).toBe('lot_unknown')
    const scrap = { product_id: wo.product.id, qty: 1 }
    expect(codeOf((await h.send(event(h, 'scrap.record', wo.id, scrap)))[0])).toBe('lot_required')
    expect(codeOf((await h.send(event(h, 'scrap.record', wo.id, { ...scrap, lot_name: 'NOPE' })))[0])).toBe('lot_unknown')
  })

  test('a hold on a component lot shows on the work order it was put from', async () => {
    const wo = await find((w) => w.state === 'ready' && w.components.some((c) => c.tracking === 'lot') && !w.is_blocked)
    const component = wo.components.find((c) => c.tracking === 'lot')
    const lotName = (await h.server.app.shopfloor.services.db
      .prepare<[number], { name: string }>('SELECT name FROM lots WHERE product_id = ? LIMIT 1')
      .get(component?.product.id as number))?.name as string
    const held = applied((await h.send(event(h, 'quality.hold', wo.id, { reason_id: 2, lot_name: lotName })))[0])
    expect(held.holds).toEqual([expect.objectContaining({ lot_name: lotName, workorder_id: null, state: 'held' })])
    expect(held.is_blocked).toBe(true)
  })
})

describe('who may act', () => {
  test('an unknown operator is rejected employee_unknown; no operator is invalid when the terminal requires one', async () => {
    const wo = await find(readyUntracked)
    expect(codeOf((await h.send(event(h, 'workorder.start', wo.id, {}, { employeeId: 999 })))[0])).toBe('employee_unknown')
    const anonymous = (await h.send(event(h, 'workorder.start', wo.id, {}, { employeeId: null })))[0]
    expect(anonymous).toMatchObject({ status: 'rejected', error: { code: 'invalid_event', details: { field: 'employee_id' } } })
  })

  test('a work order of another work center is rejected workorder_forbidden', async () => {
    const { services } = h.server.app.shopfloor
    const wo = await find(readyUntracked)
    const otherCenter = (await h.bootstrap()).work_centers.find((wc) => wc.id !== wo.work_center.id)?.id as number
    const code = 'NARROW23'
    services.terminals.create({ name: 'narrow', workCenterIds: [otherCenter], pairingCode: code, pairingExpiresAt: null, isDemo: false, nowMs: h.now() })
    const pairing = await h.server.app.inject({
      method: 'POST',
      url: '/shopfloor_terminal/v1/pair',
      payload: { pairing_code: code, device_name: 'narrow', client_version: '1.0.0' },
    })
    const response = await h.server.app.inject({
      method: 'POST',
      url: '/shopfloor_terminal/v1/events',
      headers: { authorization: `Bearer ${pairing.json<{ token: string }>().token}` },
      payload: { events: [event(h, 'workorder.start', wo.id, {})] },
    })
    expect(response.json<{ results: { error: { code: string } }[] }>().results[0]?.error.code).toBe('workorder_forbidden')
  })
})

describe('serial routings (as the Odoo addon)', () => {
  test('a later operation reports its order serials once each; its finish quantity equals its serials', async () => {
    const later = await find((wo) => wo.product.tracking === 'serial' && wo.sequence > 10 && wo.state === 'ready' && wo.lots_producing.length >= 2)
    const [first, second] = later.lots_producing
    if (!first || !second) throw new Error('the demo plant needs an order with two serials')
    applied((await h.send(event(h, 'workorder.produce', later.id, { qty: 1, lot_name: first.name })))[0])
    expect(codeOf((await h.send(event(h, 'workorder.produce', later.id, { qty: 1, lot_name: first.name })))[0])).toBe('serial_already_produced')
    expect(codeOf((await h.send(event(h, 'workorder.finish', later.id, { qty: 2 })))[0])).toBe('serial_qty')
    const done = applied((await h.send(event(h, 'workorder.finish', later.id, { qty: 2, lot_name: second.name })))[0])
    expect(done).toMatchObject({ state: 'done', qty_produced: 2 })
    expect(done.lots_producing).toEqual(later.lots_producing)
  })
})
