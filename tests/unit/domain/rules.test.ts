import { describe, expect, it } from 'vitest'
import type { RecordAction } from '../../../src/domain/actions'
import type { WorkOrder } from '../../../src/domain/contract'
import { ActionRefusedError } from '../../../src/domain/refusals'
import { factsNeeded, validateAction, type ActionFacts } from '../../../src/domain/rules'
import { bootstrap, workOrder } from '../sync/fixtures'

const boot = bootstrap()
const marc = boot.operators[0] ?? null
const sofia = boot.operators[1] ?? null

function facts(wo: WorkOrder | undefined, overrides: Partial<ActionFacts> = {}): ActionFacts {
  return {
    workOrder: wo,
    workCenter: boot.work_centers[0],
    operator: marc,
    settings: boot.terminal.settings,
    reason: { id: 1 },
    product: boot.products[0],
    serialProducedBefore: false,
    ...overrides,
  }
}

const held = workOrder(1, { state: 'progress', holds: [{ id: 4, lot_name: null, workorder_id: 1, reason: 'Dim', state: 'held', note: null }] })
const serialWo = workOrder(1, { state: 'progress', product: { id: 70, display_name: 'Motor', barcode: null, tracking: 'serial', uom: 'Units' } })
const lotWo = workOrder(1, { state: 'progress', product: { id: 71, display_name: 'Paint', barcode: null, tracking: 'lot', uom: 'L' } })
const down = { id: 1, name: 'ASM1', code: 'ASM1', is_blocked: true, open_downtime: { loss_reason_id: 2, since: '2026-11-23T08:00:00Z' } }

/** [title, action, facts, expected refusal reason or null when allowed] */
const cases: Array<[string, RecordAction, ActionFacts, string | null]> = [
  ['start a ready work order', { type: 'workorder.start', workorderId: 1, payload: {} }, facts(workOrder(1)), null],
  ['start a held work order (a hold stops finish, not start)', { type: 'workorder.start', workorderId: 1, payload: {} }, facts(held), null],
  ['start an unknown work order', { type: 'workorder.start', workorderId: 1, payload: {} }, facts(undefined), 'workorder_unknown'],
  ['start without operator', { type: 'workorder.start', workorderId: 1, payload: {} }, facts(workOrder(1), { operator: null }), 'operator_required'],
  [
    'start without operator where the plant allows it',
    { type: 'workorder.start', workorderId: 1, payload: {} },
    facts(workOrder(1), { operator: null, settings: { ...boot.terminal.settings, require_operator: false } }),
    null,
  ],
  ['start a done work order', { type: 'workorder.start', workorderId: 1, payload: {} }, facts(workOrder(1, { state: 'done' })), 'workorder_closed'],
  ['start a waiting operation, as Odoo allows', { type: 'workorder.start', workorderId: 1, payload: {} }, facts(workOrder(1, { state: 'blocked' })), null],
  ['start while the line is down', { type: 'workorder.start', workorderId: 1, payload: {} }, facts(workOrder(1), { workCenter: down }), 'workcenter_down'],
  ['finish while the line is down', { type: 'workorder.finish', workorderId: 1, payload: { qty: 1 } }, facts(workOrder(1, { state: 'progress' }), { workCenter: down }), 'workcenter_down'],
  ['pause with an unknown loss reason', { type: 'workorder.pause', workorderId: 1, payload: { loss_reason_id: 99 } }, facts(workOrder(1), { reason: undefined }), 'reason_unknown'],
  ['pause a finished work order (a no-op the server applies)', { type: 'workorder.pause', workorderId: 1, payload: {} }, facts(workOrder(1, { state: 'done' })), null],
  ['start a running work order while the line is down (a no-op)', { type: 'workorder.start', workorderId: 1, payload: {} }, facts(workOrder(1, { is_running: true, state: 'progress' }), { workCenter: down }), null],
  ['produce on an operation still waiting for an earlier one', { type: 'workorder.produce', workorderId: 1, payload: { qty: 1 } }, facts(workOrder(1, { state: 'blocked' })), null],
  [
    'produce into another lot than the one the manufacturing order produces',
    { type: 'workorder.produce', workorderId: 1, payload: { qty: 1, lot_name: 'L2' } },
    facts({ ...lotWo, lots_producing: [{ id: 3, name: 'L1' }] }),
    'lot_mismatch',
  ],
  ['produce 3', { type: 'workorder.produce', workorderId: 1, payload: { qty: 3 } }, facts(workOrder(1, { state: 'progress' })), null],
  ['produce 0', { type: 'workorder.produce', workorderId: 1, payload: { qty: 0 } }, facts(workOrder(1)), 'qty_invalid'],
  ['produce a negative quantity', { type: 'workorder.produce', workorderId: 1, payload: { qty: -2 } }, facts(workOrder(1)), 'qty_invalid'],
  ['produce NaN', { type: 'workorder.produce', workorderId: 1, payload: { qty: Number.NaN } }, facts(workOrder(1)), 'qty_invalid'],
  ['produce Infinity', { type: 'workorder.produce', workorderId: 1, payload: { qty: Infinity } }, facts(workOrder(1)), 'qty_invalid'],
  ['produce on hold', { type: 'workorder.produce', workorderId: 1, payload: { qty: 1 } }, facts(held), 'workorder_on_hold'],
  ['produce up to the 10 % tolerance', { type: 'workorder.produce', workorderId: 1, payload: { qty: 11 } }, facts(workOrder(1)), null],
  ['produce beyond the tolerance', { type: 'workorder.produce', workorderId: 1, payload: { qty: 11.5 } }, facts(workOrder(1)), 'qty_over_tolerance'],
  ['produce a lot-tracked product without lot', { type: 'workorder.produce', workorderId: 1, payload: { qty: 1 } }, facts(lotWo), 'lot_required'],
  ['produce a lot-tracked product with lot', { type: 'workorder.produce', workorderId: 1, payload: { qty: 4, lot_name: 'L1' } }, facts(lotWo), null],
  ['produce 2 of one serial', { type: 'workorder.produce', workorderId: 1, payload: { qty: 2, lot_name: 'SN1' } }, facts(serialWo), 'serial_qty'],
  [
    'produce a serial twice',
    { type: 'workorder.produce', workorderId: 1, payload: { qty: 1, lot_name: 'SN1' } },
    facts(serialWo, { serialProducedBefore: true }),
    'serial_already_produced',
  ],
  [
    'a later operation reports a serial its order registered',
    { type: 'workorder.produce', workorderId: 1, payload: { qty: 1, lot_name: 'SN1' } },
    facts({ ...serialWo, lots_producing: [{ id: 5, name: 'SN1' }, { id: 6, name: 'SN2' }], qty_produced: 1 }),
    null,
  ],
  [
    'an operation that reported all of its order serials reports one again',
    { type: 'workorder.produce', workorderId: 1, payload: { qty: 1, lot_name: 'SN1' } },
    facts({ ...serialWo, lots_producing: [{ id: 5, name: 'SN1' }, { id: 6, name: 'SN2' }], qty_produced: 2 }),
    'serial_already_produced',
  ],
  ['produce with an empty lot name', { type: 'workorder.produce', workorderId: 1, payload: { qty: 1, lot_name: '  ' } }, facts(lotWo), 'payload_invalid'],
  ['finish a held work order', { type: 'workorder.finish', workorderId: 1, payload: { qty: 10 } }, facts(held), 'workorder_on_hold'],
  ['finish without a quantity', { type: 'workorder.finish', workorderId: 1, payload: {} as { qty: number } }, facts(workOrder(1)), 'qty_invalid'],
  ['finish with an unknown quantity basis', { type: 'workorder.finish', workorderId: 1, payload: { qty: 10, qty_basis: 'guess' as 'planned' } }, facts(workOrder(1)), 'payload_invalid'],
  ['finish with a final quantity', { type: 'workorder.finish', workorderId: 1, payload: { qty: 10 } }, facts(workOrder(1, { state: 'progress' })), null],
  ['finish with a negative final quantity', { type: 'workorder.finish', workorderId: 1, payload: { qty: -1 } }, facts(workOrder(1)), 'qty_invalid'],
  ['finish beyond the tolerance', { type: 'workorder.finish', workorderId: 1, payload: { qty: 12 } }, facts(workOrder(1)), 'qty_over_tolerance'],
  ['finish adding lot-tracked units without lot', { type: 'workorder.finish', workorderId: 1, payload: { qty: 5 } }, facts(lotWo), 'lot_required'],
  ['finish a lot-tracked product keeping what was reported', { type: 'workorder.finish', workorderId: 1, payload: { qty: 4 } }, facts({ ...lotWo, qty_produced: 4 }), null],
  ['finish a lot-tracked product with nothing reported: the planned quantity needs its lot', { type: 'workorder.finish', workorderId: 1, payload: { qty: 10, qty_basis: 'planned' } }, facts(lotWo), 'lot_required'],
  ['finish with an explicit 0', { type: 'workorder.finish', workorderId: 1, payload: { qty: 0 } }, facts(workOrder(1, { state: 'progress' })), 'qty_invalid'],
  ['finish with nothing reported, choosing the planned quantity', { type: 'workorder.finish', workorderId: 1, payload: { qty: 10, qty_basis: 'planned' } }, facts(workOrder(1, { state: 'progress' })), null],
  ['finish a done work order', { type: 'workorder.finish', workorderId: 1, payload: { qty: 10 } }, facts(workOrder(1, { state: 'done' })), 'workorder_closed'],
  ['scrap 2', { type: 'scrap.record', workorderId: 1, payload: { product_id: 7, qty: 2, reason_id: 1 } }, facts(workOrder(1)), null],
  ['scrap on a finished work order', { type: 'scrap.record', workorderId: 1, payload: { product_id: 7, qty: 2 } }, facts(workOrder(1, { state: 'done' })), null],
  ['scrap on a cancelled work order', { type: 'scrap.record', workorderId: 1, payload: { product_id: 7, qty: 2 } }, facts(workOrder(1, { state: 'cancel' })), 'workorder_closed'],
  ['scrap an unknown product', { type: 'scrap.record', workorderId: 1, payload: { product_id: 99, qty: 2 } }, facts(workOrder(1), { product: undefined }), 'product_unknown'],
  ['scrap a tracked product without lot', { type: 'scrap.record', workorderId: 1, payload: { product_id: 11, qty: 2 } }, facts(workOrder(1), { product: boot.products[1] }), 'lot_required'],
  ['scrap 0', { type: 'scrap.record', workorderId: 1, payload: { product_id: 7, qty: 0 } }, facts(workOrder(1)), 'qty_invalid'],
  ['hold without reason', { type: 'quality.hold', workorderId: 1, payload: {} as { reason_id: number } }, facts(workOrder(1)), 'reason_required'],
  ['hold with a reason', { type: 'quality.hold', workorderId: 1, payload: { reason_id: 3, lot_name: 'L1' } }, facts(workOrder(1)), null],
  ['release without the right', { type: 'quality.release', workorderId: 1, payload: { hold_id: 4 } }, facts(held), 'release_not_allowed'],
  [
    'release a hold the server has not numbered yet',
    { type: 'quality.release', workorderId: 1, payload: { hold_id: -3 } },
    facts(held, { operator: sofia }),
    'hold_unconfirmed',
  ],
  ['release with the right', { type: 'quality.release', workorderId: 1, payload: { hold_id: 4 } }, facts(held, { operator: sofia }), null],
  [
    'release a released hold',
    { type: 'quality.release', workorderId: 1, payload: { hold_id: 4 } },
    facts(workOrder(1, { holds: [{ id: 4, lot_name: null, workorder_id: 1, reason: 'Dim', state: 'released', note: null }] }), { operator: sofia }),
    'hold_not_active',
  ],
  ['downtime start', { type: 'downtime.start', workorderId: 1, payload: { loss_reason_id: 2 } }, facts(workOrder(1), { reason: { id: 2, loss_type: 'availability' } }), null],
  [
    'downtime start with a productive loss',
    { type: 'downtime.start', workorderId: 1, payload: { loss_reason_id: 5 } },
    facts(workOrder(1), { reason: { id: 5, loss_type: 'productive' } }),
    'reason_unknown',
  ],
  ['downtime start twice', { type: 'downtime.start', workorderId: 1, payload: { loss_reason_id: 2 } }, facts(workOrder(1), { workCenter: down }), 'downtime_already_open'],
  ['downtime end without one open', { type: 'downtime.end', workorderId: 1, payload: {} }, facts(workOrder(1)), 'downtime_not_open'],
  ['downtime end', { type: 'downtime.end', workorderId: 1, payload: {} }, facts(workOrder(1), { workCenter: down }), null],
  ['a non-integer work order id', { type: 'workorder.start', workorderId: 1.5, payload: {} }, facts(workOrder(1)), 'payload_invalid'],
]

describe('validateAction', () => {
  it.each(cases)('%s', (_title, action, given, expected) => {
    if (expected === null) {
      expect(() => validateAction(action, given)).not.toThrow()
    } else {
      expect(() => validateAction(action, given)).toThrow(ActionRefusedError)
      expect(() => validateAction(action, given)).toThrow(expect.objectContaining({ reason: expected }))
    }
  })

  it('says how much more may be produced when a quantity exceeds the tolerance', () => {
    expect(() =>
      validateAction({ type: 'workorder.produce', workorderId: 1, payload: { qty: 5 } }, facts(workOrder(1, { qty_produced: 8 }))),
    ).toThrow(expect.objectContaining({ reason: 'qty_over_tolerance', params: { max: 3 } }))
  })

  it('names the bad field of a malformed payload', () => {
    expect(() =>
      validateAction({ type: 'scrap.record', workorderId: 1, payload: { product_id: -1, qty: 1 } }, facts(workOrder(1))),
    ).toThrow(expect.objectContaining({ reason: 'payload_invalid', params: { field: 'product_id' } }))
  })
})

describe('factsNeeded', () => {
  it('asks for the loss reason of a downtime, the product and reason of a scrap, the serial of a serial produce', () => {
    expect(factsNeeded({ type: 'downtime.start', workorderId: 1, payload: { loss_reason_id: 2 } }, workOrder(1)).reason).toEqual({ kind: 'loss', id: 2 })
    expect(factsNeeded({ type: 'scrap.record', workorderId: 1, payload: { product_id: 7, qty: 1, reason_id: 1 } }, workOrder(1))).toEqual({
      reason: { kind: 'scrap', id: 1 },
      productId: 7,
      serial: null,
    })
    expect(factsNeeded({ type: 'workorder.produce', workorderId: 1, payload: { qty: 1, lot_name: ' SN1 ' } }, serialWo).serial).toEqual({
      productId: 70,
      productionId: serialWo.production.id,
      name: 'SN1',
    })
    expect(factsNeeded({ type: 'workorder.produce', workorderId: 1, payload: { qty: 1, lot_name: 'L1' } }, lotWo).serial).toBeNull()
  })
})
