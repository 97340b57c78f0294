import { describe, expect, test } from 'vitest'
import type { Lot } from '../../src/domain/contract.ts'
import { allWorkOrders, api, expectError } from './fixtures.ts'

describe('lots', () => {
  test('a known lot name answers the lot with its product and holds', async (ctx) => {
    const known = (await allWorkOrders()).flatMap((wo) => wo.lots_producing.map((lot) => ({ lot, product: wo.product })))[0]
    if (!known) return ctx.skip('no work order of this server lists a lot it produces')
    const response = await api.get<{ lot: Lot }>(`/lots?barcode=${encodeURIComponent(known.lot.name)}&product_id=${known.product.id}`)
    expect(response.status, response.text).toBe(200)
    expect(response.body.lot).toMatchObject({ id: known.lot.id, name: known.lot.name, product: { id: known.product.id } })
    expect(response.body.lot.holds).toEqual(expect.any(Array))
    expect('expiration_date' in response.body.lot).toBe(true)
  })

  test('an unknown lot is 404 lot_unknown', async () => {
    expectError(await api.get('/lots?barcode=NO-SUCH-LOT-7f3a9c'), 404, 'lot_unknown')
  })

  test('a missing barcode is 400 invalid_request naming the field', async () => {
    expect(expectError(await api.get('/lots'), 400, 'invalid_request').details?.field).toBe('barcode')
  })
})
