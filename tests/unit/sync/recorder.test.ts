import { describe, expect, it } from 'vitest'
import { recordAction } from '../../../src/sync/recorder'
import { ActionRefusedError } from '../../../src/domain/refusals'
import { freshDb, seed, workOrder } from './fixtures'

describe('recordAction', () => {
  it('writes the event and its optimistic effect in one transaction, with the next device_seq', async () => {
    const db = freshDb()
    await seed(db)
    let n = 0
    const deps = { now: () => Date.parse('2026-11-23T08:01:12.345Z'), newId: () => `0193f1c2-7b7e-7cc1-9e3a-00000000000${n++}` }

    const start = await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} }, deps)
    const produce = await recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 3 } }, deps)

    expect(start.event).toMatchObject({ id: '0193f1c2-7b7e-7cc1-9e3a-000000000000', device_seq: 1, employee_id: 8, workorder_id: 1 })
    expect(start.event.occurred_at).toMatch(/^2026-11-23T\d\d:\d\d:12\.345[+-]\d\d:\d\d$/)
    expect(produce.event.device_seq).toBe(2)
    const row = await db.workOrders.get(1)
    expect(row?.wo).toMatchObject({ state: 'progress', is_running: true, qty_produced: 3 })
    expect(row?.base).toMatchObject({ state: 'ready', qty_produced: 0 })
    expect((await db.syncState.get('sync'))?.deviceSeq).toBe(2)
    expect(await db.outbox.count()).toBe(2)
  })

  it('marks the first event after the wall clock was set apart from the monotonic clock, never rewriting occurred_at', async () => {
    const db = freshDb()
    await seed(db)
    const T = Date.parse('2026-11-23T08:00:00.000Z')
    let wall = T
    let mono = 1_000
    const deps = { now: () => wall, monotonic: () => mono, pageId: 'page-1' }
    const act = () => recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 1 } }, deps)

    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} }, deps)
    wall += 20 * 60_000
    mono += 20 * 60_000
    const steady = await act()
    // A battery swap: the clock restarts three hours back while 5 minutes pass.
    wall += 5 * 60_000 - 3 * 3_600_000
    mono += 5 * 60_000
    const jumped = await act()
    wall += 60_000
    mono += 60_000
    const after = await act()

    expect(steady.event).not.toHaveProperty('clock_jump_ms')
    expect(jumped.event.clock_jump_ms).toBe(-3 * 3_600_000)
    expect([steady.clockShiftMs, jumped.clockShiftMs, after.clockShiftMs]).toEqual([0, -3 * 3_600_000, -3 * 3_600_000])
    expect(Date.parse(jumped.event.occurred_at)).toBe(wall - 60_000)
    expect(after.event).not.toHaveProperty('clock_jump_ms')
  })

  it('marks a forward jump too, but keeps the clock of the events before it (it may be the device sleeping)', async () => {
    const db = freshDb()
    await seed(db)
    const T = Date.parse('2026-11-23T08:00:00.000Z')
    let wall = T
    const deps = { now: () => wall, monotonic: () => 1_000, pageId: 'page-1' }
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} }, deps)
    wall += 45 * 60_000
    const after = await recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 1 } }, deps)

    expect(after.event.clock_jump_ms).toBe(45 * 60_000)
    expect(after.clockShiftMs).toBe(0)
    expect((await db.syncState.get('sync'))?.lastClockJump).toMatchObject({ jumpMs: 45 * 60_000, eventId: after.id, type: 'workorder.produce' })
  })

  it('does not compare the clocks across a reload (the monotonic clock restarted)', async () => {
    const db = freshDb()
    await seed(db)
    const T = Date.parse('2026-11-23T08:00:00.000Z')
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} }, { now: () => T, monotonic: () => 50_000, pageId: 'page-1' })
    const next = await recordAction(
      db,
      { type: 'workorder.produce', workorderId: 1, payload: { qty: 1 } },
      { now: () => T + 60_000, monotonic: () => 10, pageId: 'page-2' },
    )
    expect(next.event).not.toHaveProperty('clock_jump_ms')
  })

  it('refuses a finish on a held work order and writes nothing, not even a device_seq', async () => {
    const db = freshDb()
    const held = workOrder(1, { holds: [{ id: 4, lot_name: null, workorder_id: 1, reason: 'Dimension', state: 'held', note: null }] })
    await seed(db, [held])

    const refusal = recordAction(db, { type: 'workorder.finish', workorderId: 1, payload: { qty: 10 } })

    await expect(refusal).rejects.toBeInstanceOf(ActionRefusedError)
    await expect(refusal).rejects.toMatchObject({ reason: 'workorder_on_hold' })
    expect(await db.outbox.count()).toBe(0)
    expect((await db.syncState.get('sync'))?.deviceSeq).toBe(0)
    const after = await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    expect(after.event.device_seq).toBe(1)
  })

  it('refuses a serial that another work order of the same product already produced', async () => {
    const db = freshDb()
    const serial = { id: 70, display_name: 'Motor', barcode: null, tracking: 'serial' as const, uom: 'Units' }
    await seed(db, [
      workOrder(1, { product: serial, state: 'progress' }),
      workOrder(2, { product: serial, state: 'done', lots_producing: [{ id: 5, name: 'SN-1' }] }),
    ])

    await expect(
      recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 1, lot_name: 'SN-1' } }),
    ).rejects.toMatchObject({ reason: 'serial_already_produced' })
    await recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 1, lot_name: 'SN-2' } })
    await expect(
      recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 1, lot_name: 'SN-2' } }),
    ).rejects.toMatchObject({ reason: 'serial_already_produced' })
  })

  it('refuses any action without a signed-in operator when the plant requires one', async () => {
    const db = freshDb()
    await seed(db, [workOrder(1)], { operatorId: null })

    await expect(recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })).rejects.toMatchObject({
      reason: 'operator_required',
    })
  })

  it('opens a downtime on the work center record so a start is refused until it ends', async () => {
    const db = freshDb()
    await seed(db)

    await recordAction(db, { type: 'downtime.start', workorderId: 1, payload: { loss_reason_id: 2 } })

    expect((await db.workCenters.get(1))?.open_downtime).toMatchObject({ loss_reason_id: 2 })
    await expect(recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })).rejects.toMatchObject({
      reason: 'workcenter_down',
    })
    await recordAction(db, { type: 'downtime.end', workorderId: 1, payload: {} })
    await expect(recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })).resolves.toBeDefined()
  })

  it('stores a plain copy of the payload, so a caller mutating its object later changes nothing', async () => {
    const db = freshDb()
    await seed(db)
    const payload = { qty: 2, lot_name: undefined as string | undefined }

    const row = await recordAction(db, { type: 'workorder.produce', workorderId: 1, payload })
    payload.qty = 99

    expect((await db.outbox.get(row.id))?.event.payload).toEqual({ qty: 2 })
  })
})
