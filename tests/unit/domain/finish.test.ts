import { describe, expect, it } from 'vitest'
import { finishOffer, finishPayload } from '../../../src/domain/finish'
import { workOrder } from '../sync/fixtures'

const held = { id: 4, lot_name: null, workorder_id: 1, reason: 'Dimension', state: 'held' as const, note: null }

describe('the finish offer', () => {
  it('refuses at once what the server would refuse: a held or a closed work order', () => {
    expect(finishOffer(workOrder(1, { state: 'progress', qty_produced: 6, holds: [held] }))).toEqual({ kind: 'refused', reason: 'workorder_on_hold' })
    expect(finishOffer(workOrder(1, { state: 'done' }))).toEqual({ kind: 'refused', reason: 'workorder_closed' })
    expect(finishOffer(workOrder(1, { state: 'cancel' }))).toEqual({ kind: 'refused', reason: 'workorder_closed' })
  })

  it('offers what was reported, saying when it is short of the plan', () => {
    expect(finishOffer(workOrder(1, { state: 'progress', qty_production: 9, qty_produced: 6 }))).toEqual({ kind: 'reported', qty: 6, planned: 9, short: true })
    expect(finishOffer(workOrder(1, { state: 'progress', qty_production: 9, qty_produced: 9 }))).toMatchObject({ kind: 'reported', short: false })
  })

  it('offers the planned quantity as an explicit choice when nothing was reported, never what is being produced', () => {
    expect(finishOffer(workOrder(1, { state: 'progress', qty_production: 9, qty_produced: 0, qty_producing: 4 }))).toEqual({ kind: 'planned', qty: 9 })
  })

  it('states the quantity and its basis in the payload', () => {
    expect(finishPayload({ kind: 'planned', qty: 9 })).toEqual({ qty: 9, qty_basis: 'planned' })
    expect(finishPayload({ kind: 'reported', qty: 6, planned: 9, short: true }, 'LOT-1')).toEqual({ qty: 6, qty_basis: 'reported', lot_name: 'LOT-1' })
  })
})
