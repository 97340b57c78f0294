import { describe, expect, test } from 'vitest'
import { FieldInvalid, jsonDepth, MAX_BODY_DEPTH, MAX_ID, readPayload } from '../../../server/ingest/payload-schema.ts'

function problem(run: () => unknown): { field: string; reason: string } | undefined {
  try {
    run()
  } catch (error) {
    if (error instanceof FieldInvalid) return { field: error.field, reason: error.reason }
    throw error
  }
  return undefined
}

describe('readPayload', () => {
  test('keeps known fields, trims text and drops absent optional ones', () => {
    expect(readPayload('scrap.record', { product_id: 3, qty: 2, lot_name: ' L1 ', note: null })).toEqual({
      product_id: 3,
      qty: 2,
      lot_name: 'L1',
    })
  })

  test.each([
    ['workorder.start', { extra: 1 }, 'payload.extra'],
    ['scrap.record', { product_id: MAX_ID + 1, qty: 1 }, 'payload.product_id'],
    ['scrap.record', { product_id: 0, qty: 1 }, 'payload.product_id'],
    ['scrap.record', { qty: 1 }, 'payload.product_id'],
    ['workorder.produce', { qty: '1' }, 'payload.qty'],
    ['workorder.produce', { qty: 10_000_001 }, 'payload.qty'],
    ['workorder.produce', { qty: 1, lot_name: 'L\u0000' }, 'payload.lot_name'],
    ['workorder.produce', { qty: 1, lot_name: 'L\tM' }, 'payload.lot_name'],
    ['workorder.produce', { qty: 1, lot_name: '\ud800' }, 'payload.lot_name'],
    ['workorder.produce', { qty: 1, lot_name: 'L'.repeat(129) }, 'payload.lot_name'],
    ['quality.hold', { reason_id: 1, note: 'a\u009bb' }, 'payload.note'],
    ['quality.hold', { reason_id: 1, note: { text: 'nested' } }, 'payload.note'],
  ] as const)('%s %j is refused on %s', (type, payload, field) => {
    expect(problem(() => readPayload(type, payload))?.field).toBe(field)
  })

  test('a note may span lines; quantities at or below 0 are left to the business rule (qty_invalid)', () => {
    expect(readPayload('quality.hold', { reason_id: 1, note: 'line 1\r\n\tline 2' })).toMatchObject({ note: 'line 1\r\n\tline 2' })
    expect(readPayload('workorder.produce', { qty: -1 })).toEqual({ qty: -1 })
  })

  test('a payload that is not an object is refused on payload', () => {
    for (const payload of [null, [], 'x', 1]) expect(problem(() => readPayload('workorder.start', payload))?.field).toBe('payload')
  })
})

describe('jsonDepth', () => {
  test('counts objects and arrays, and stops early on hostile depth without recursion', () => {
    expect(jsonDepth(1)).toBe(0)
    expect(jsonDepth({ events: [{ payload: {} }] })).toBe(4)
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown
    expect(jsonDepth(deep)).toBe(MAX_BODY_DEPTH + 1)
  })
})
