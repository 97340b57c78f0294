import { describe, expect, it } from 'vitest'
import { GS } from '../../../src/domain/gs1'
import {
  badgeCandidate,
  findProductByBarcode,
  knownLots,
  pairingFromUrl,
  resolveScan,
  type ScanCatalog,
  type ScanResolution,
} from '../../../src/domain/scan'
import { badgeHashOf } from '../operators-fixture'
import { workOrder } from '../sync/fixtures'
import { ANNA, DRAWER, MARC, MOTOR, PANEL } from '../ui/fixtures'

const REF = { referenceYear: 2026 }
const produced = workOrder(1, { product: DRAWER, lots_producing: [{ id: 5, name: 'LOT-0001' }] })
const held = workOrder(2, {
  product: PANEL,
  production: { id: 20, name: 'WH/MO/00020', date_deadline: null, priority: '1' },
  holds: [{ id: 3, lot_name: 'LOT-HELD', workorder_id: null, reason: 'Dimension', state: 'held', note: null }],
})
const second = workOrder(3, { product: DRAWER, production: held.production, sequence: 20 })
const catalog: ScanCatalog = { operators: [MARC, ANNA], products: [DRAWER, PANEL, MOTOR], workOrders: [produced, held, second] }

describe('pairingFromUrl', () => {
  it.each([
    ['http://odoo.example.com/shopfloor_terminal/app/#/pair?code=ABCD2345', { code: 'ABCD2345', serverUrl: 'http://odoo.example.com' }],
    ['http://127.0.0.1:8080/#/pair?code=wxyz-6789', { code: 'WXYZ6789', serverUrl: 'http://127.0.0.1:8080' }],
  ])('reads %s', (text, expected) => {
    expect(pairingFromUrl(text)).toEqual(expected)
  })

  it.each([
    ['a bare code (it could be anything outside the pairing screen)', 'ABCD2345'],
    ['a URL with an invalid code', 'http://h/#/pair?code=0000'],
    ['another URL', 'https://example.com/#/other'],
    ['a lot', 'LOT-0001'],
  ])('refuses %s', (_name, text) => {
    expect(pairingFromUrl(text)).toBeNull()
  })
})

describe('knownLots and findProductByBarcode', () => {
  it('lists produced lots with their product and held lots without one', () => {
    expect(knownLots(catalog.workOrders)).toEqual([
      { name: 'LOT-0001', product: DRAWER },
      { name: 'LOT-HELD', product: null },
    ])
  })

  it.each([
    ['4006381333931', DRAWER],
    ['04006381333931', DRAWER],
    ['9506000134352', PANEL],
    ['36000291452', null],
    ['036000291452', MOTOR],
    ['4006381333932', null],
  ])('finds the product of barcode %s', (code, product) => {
    expect(findProductByBarcode(catalog.products, code)).toEqual(product)
  })
})

describe('resolveScan', () => {
  const cases: Array<[string, string, ScanResolution, 'any' | 'lot']> = [
    ['GS1-128 lot of a known product', `]C101${PANEL.barcode}10LOT-0001${GS}17271231`,
      { kind: 'lot', lotName: 'LOT-0001', product: PANEL, expiryDate: '2027-12-31', known: true }, 'any'],
    ['GS1 DataMatrix lot', `${GS}01${PANEL.barcode}10LOT-0001${GS}17271231`,
      { kind: 'lot', lotName: 'LOT-0001', product: PANEL, expiryDate: '2027-12-31', known: true }, 'any'],
    ['bracketed GS1 of an unknown lot', `(01)${PANEL.barcode}(10)LOT-NEW`,
      { kind: 'lot', lotName: 'LOT-NEW', product: PANEL, expiryDate: null, known: false }, 'any'],
    ['GS1 serial of a serial-tracked product, also carrying a lot', `(01)00${MOTOR.barcode}(10)B1(21)SN-7`,
      { kind: 'serial', serial: 'SN-7', product: MOTOR, known: false }, 'any'],
    ['GS1 with a lot and a serial of a lot-tracked product', `(01)0${DRAWER.barcode}(10)B1(21)SN-7`,
      { kind: 'lot', lotName: 'B1', product: DRAWER, expiryDate: null, known: false }, 'any'],
    ['GS1 serial alone', `(21)SN-8`, { kind: 'serial', serial: 'SN-8', product: null, known: false }, 'any'],
    ['GS1 GTIN alone', `]C101${PANEL.barcode}`, { kind: 'product', product: PANEL }, 'any'],
    ['GS1 GTIN of a product the tablet does not know', `(01)09506000134369`,
      { kind: 'unrecognised', text: '(01)09506000134369', reason: 'product_unknown' }, 'any'],
    ['GS1 with neither GTIN, lot nor serial', `(37)12`, { kind: 'unrecognised', text: '(37)12', reason: 'no_match' }, 'any'],
    ['a pairing URL', 'http://h:8080/#/pair?code=ABCD2345', { kind: 'pairing', pairing: { code: 'ABCD2345', serverUrl: 'http://h:8080' } }, 'any'],
    ['a badge', '041800002', { kind: 'operator', operator: ANNA }, 'any'],
    ['a badge with the scanner CR/LF', '041800001\r\n', { kind: 'operator', operator: MARC }, 'any'],
    ['an MO name, any case, with all its work orders', 'wh/mo/00020', { kind: 'production', name: 'WH/MO/00020', workOrders: [held, second] }, 'any'],
    ['an EAN-13 product barcode', '4006381333931', { kind: 'product', product: DRAWER }, 'any'],
    ['a product barcode behind an EAN symbology id', ']E04006381333931', { kind: 'product', product: DRAWER }, 'any'],
    ['a Code 128 known lot', 'LOT-0001', { kind: 'lot', lotName: 'LOT-0001', product: DRAWER, expiryDate: null, known: true }, 'any'],
    ['a held lot', 'LOT-HELD', { kind: 'lot', lotName: 'LOT-HELD', product: null, expiryDate: null, known: true }, 'any'],
    ['an unknown text where a lot is expected', 'LOT-9999', { kind: 'lot', lotName: 'LOT-9999', product: null, expiryDate: null, known: false }, 'lot'],
    ['an unknown text otherwise', 'LOT-9999', { kind: 'unrecognised', text: 'LOT-9999', reason: 'no_match' }, 'any'],
    ['an empty scan', ' \r\n', { kind: 'unrecognised', text: '', reason: 'empty' }, 'lot'],
  ]
  it.each(cases)('%s', (_name, text, expected, expectation) => {
    expect(resolveScan(text, catalog, { ...REF, expect: expectation, badgeHash: badgeHashOf(badgeCandidate(text)) })).toEqual(expected)
  })

  it('knows no badge without its hash: badges never travel in clear', () => {
    expect(resolveScan('041800002', catalog, REF)).toEqual({ kind: 'unrecognised', text: '041800002', reason: 'no_match' })
  })

  it('takes only a plain text as a badge candidate', () => {
    expect([badgeCandidate(' 041800002\r\n'), badgeCandidate('LOT-1'), badgeCandidate('(01)09506000134352'), badgeCandidate('http://h/#/pair?code=ABCD2345'), badgeCandidate(' ')]).toEqual([
      '041800002',
      'LOT-1',
      null,
      null,
      null,
    ])
  })

  it('explains a malformed GS1 code instead of guessing', () => {
    expect(resolveScan('(01)09506000134353(10)L1', catalog, REF)).toMatchObject({
      kind: 'unrecognised',
      reason: 'gs1_invalid',
      gs1Error: { code: 'check_digit', ai: '01' },
    })
  })

  it('prefers a badge over a lot of the same text', () => {
    const clash = workOrder(4, { lots_producing: [{ id: 9, name: '041800001' }] })
    expect(resolveScan('041800001', { ...catalog, workOrders: [clash] }, { badgeHash: badgeHashOf('041800001') }).kind).toBe('operator')
  })
})
