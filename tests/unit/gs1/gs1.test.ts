import { describe, expect, it } from 'vitest'
import {
  GS,
  Gs1CheckDigitError,
  Gs1DateError,
  Gs1Error,
  gs1CheckDigit,
  isValidGtin,
  looksLikeGs1,
  parseGs1,
  stripSymbologyId,
  toGtin14,
  upcEToUpcA,
  type Gs1Data,
  type Gs1ErrorCode,
} from '../../../src/domain/gs1'

const REF = { referenceYear: 2026 }
const GTIN = '09506000134352'

describe('gs1CheckDigit and isValidGtin', () => {
  it.each([
    ['0950600013435', 2],
    ['400638133393', 1],
    ['9638507', 4],
    ['03600029145', 2],
    ['0000000000000', 0],
  ])('the check digit of %s is %i', (digits, check) => {
    expect(gs1CheckDigit(digits)).toBe(check)
  })

  it.each([
    ['09506000134352', true],
    ['09506000134353', false],
    ['4006381333931', true],
    ['96385074', true],
    ['036000291452', true],
    ['036000291453', false],
    ['12345', false],
    ['ABCDEFGHIJKLM', false],
  ])('isValidGtin(%s) is %s', (code, valid) => {
    expect(isValidGtin(code)).toBe(valid)
  })
})

describe('toGtin14 and upcEToUpcA', () => {
  it.each([
    ['4006381333931', '04006381333931'],
    ['036000291452', '00036000291452'],
    ['96385074', '00000096385074'],
    ['09506000134352', '09506000134352'],
    [' 4006381333931 ', '04006381333931'],
    ['4006381333932', null],
    ['LOT-0001', null],
  ])('toGtin14(%j) is %j', (code, gtin) => {
    expect(toGtin14(code)).toBe(gtin)
  })

  it.each([
    ['01234565', '012345000065'],
    ['04252614', '042100005264'],
    ['01234133', '012300000413'],
    ['01234144', '012340000014'],
    ['01234558', '012345000058'],
    ['21234565', null],
    ['0123456', null],
  ])('upcEToUpcA(%s) is %j', (upcE, upcA) => {
    expect(upcEToUpcA(upcE)).toBe(upcA)
  })

  it('reads a UPC-E label as the GTIN of its UPC-A', () => {
    expect(toGtin14('04252614')).toBe('00042100005264')
  })
})

type Expected = Partial<Omit<Gs1Data, 'elements'>>

describe('parseGs1: the forms scanners and ZXing deliver', () => {
  const cases: Array<[string, string, Expected]> = [
    ['bracketed', `(01)${GTIN}(10)LOT-0001(17)271231`, { symbology: null, gtin: GTIN, lot: 'LOT-0001', expiryDate: '2027-12-31' }],
    ['GS1-128 from ZXing with ASSUME_GS1', `]C101${GTIN}10LOT-0001${GS}17271231`, { symbology: ']C1', gtin: GTIN, lot: 'LOT-0001', expiryDate: '2027-12-31' }],
    ['GS1 DataMatrix from ZXing (leading GS)', `${GS}01${GTIN}10LOT-0001${GS}17271231`, { symbology: null, gtin: GTIN, lot: 'LOT-0001', expiryDate: '2027-12-31' }],
    ['GS1 DataMatrix with ]d2', `]d201${GTIN}21SN-42`, { symbology: ']d2', gtin: GTIN, serial: 'SN-42' }],
    ['GS1 QR with ]Q3', `]Q301${GTIN}10B7${GS}3712`, { symbology: ']Q3', gtin: GTIN, lot: 'B7', count: 12 }],
    ['GS1 DataBar with ]e0', `]e001${GTIN}`, { symbology: ']e0', gtin: GTIN }],
    ['raw without marker, starting with a valid (01)', `01${GTIN}17260228`, { symbology: null, gtin: GTIN, expiryDate: '2026-02-28' }],
    ['bracketed after an identifier', `]C1(01)${GTIN}(21)S1`, { symbology: ']C1', gtin: GTIN, serial: 'S1' }],
    ['trailing CR/LF and a stray final GS', `]C101${GTIN}10L1${GS}\r\n`, { gtin: GTIN, lot: 'L1' }],
    ['lot last, no separator needed', `]C11726063010LOT-XYZ`, { expiryDate: '2026-06-30', lot: 'LOT-XYZ' }],
    ['fixed-length fields need no separator', `]C101${GTIN}1126010117270101`, { productionDate: '2026-01-01', expiryDate: '2027-01-01' }],
    ['variable count (30)', `(30)1500`, { count: 1500 }],
    ['net weight (3103) has 3 decimals, in kg', `]C101${GTIN}3103001250`, { netWeightKg: 1.25 }],
    ['net weight (3100) whole kg', `(3100)000042`, { netWeightKg: 42 }],
    ['DD 00 means the last day of the month', `(17)280200`, { expiryDate: '2028-02-29' }],
    ['an unknown-but-structured AI is skipped over', `]C1240PART-9${GS}10LOT-5`, { lot: 'LOT-5' }],
    ['company internal AI (91)', `(91)ABC(10)L-1`, { lot: 'L-1' }],
  ]
  it.each(cases)('%s', (_name, text, expected) => {
    expect(parseGs1(text, REF)).toMatchObject(expected)
  })

  it('keeps every element with its AI, raw data, title and interpreted value', () => {
    expect(parseGs1(`(01)${GTIN}(17)271231(3102)001500(10)A1`, REF).elements).toEqual([
      { ai: '01', raw: GTIN, title: 'GTIN', value: GTIN },
      { ai: '17', raw: '271231', title: 'USE BY OR EXPIRY', value: '2027-12-31' },
      { ai: '3102', raw: '001500', title: 'NET WEIGHT (kg)', value: 15 },
      { ai: '10', raw: 'A1', title: 'BATCH/LOT', value: 'A1' },
    ])
  })

  it('leaves fields that are absent null', () => {
    expect(parseGs1(`(01)${GTIN}`, REF)).toEqual({
      symbology: null,
      elements: [{ ai: '01', raw: GTIN, title: 'GTIN', value: GTIN }],
      gtin: GTIN,
      lot: null,
      serial: null,
      productionDate: null,
      expiryDate: null,
      count: null,
      netWeightKg: null,
    })
  })
})

describe('parseGs1: two-digit years use the GS1 sliding window', () => {
  it.each([
    [2026, '260101', '2026-01-01'],
    [2026, '760101', '2076-01-01'],
    [2026, '770101', '1977-01-01'],
    [2095, '440101', '2144-01-01'],
    [2095, '460101', '2046-01-01'],
    [2001, '990101', '1999-01-01'],
  ])('in %i, %s is %s', (referenceYear, yymmdd, iso) => {
    expect(parseGs1(`(11)${yymmdd}`, { referenceYear }).productionDate).toBe(iso)
  })
})

describe('parseGs1: clear errors', () => {
  const cases: Array<[string, string, Gs1ErrorCode, string | null]> = [
    ['empty text', '   ', 'empty', null],
    ['not GS1 at all', 'LOT-0001', 'unknown_ai', null],
    ['wrong GTIN check digit', `(01)09506000134353`, 'check_digit', '01'],
    ['short GTIN in raw form', `]C10109506`, 'truncated', '01'],
    ['short GTIN in bracketed form', `(01)0950600013435`, 'truncated', '01'],
    ['long GTIN in bracketed form', `(01)095060001343520`, 'too_long', '01'],
    ['letters in a GTIN', `(01)0950600013435X`, 'not_numeric', '01'],
    ['month 13', `(17)271301`, 'invalid_date', '17'],
    ['day 30 in February', `(17)270230`, 'invalid_date', '17'],
    ['lot over 20 characters (a missing separator)', `]C110ABCDEFGHIJKLMNOPQRSTU`, 'too_long', '10'],
    ['an AI that does not exist', `]C105123`, 'unknown_ai', null],
    ['bracketed AI that is not an AI', `(0)12`, 'unknown_ai', null],
    ['bracketed AI of the wrong length', `(101)A`, 'unknown_ai', '101'],
    ['the same AI twice', `(10)A(10)B`, 'duplicate_ai', '10'],
    ['a character outside set 82', `(10)LOT#1`, 'invalid_character', '10'],
    ['an AI with no data', `(10)(17)270101`, 'truncated', '10'],
    ['non-numeric count', `(37)12A`, 'not_numeric', '37'],
  ]
  it.each(cases)('%s', (_name, text, code, ai) => {
    let error: unknown
    try {
      parseGs1(text, REF)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(Gs1Error)
    expect(error).toMatchObject({ code, ai })
    expect((error as Error).message).toMatch(/: /)
  })

  it('uses dedicated classes for a check digit and a date, each with its name', () => {
    expect(() => parseGs1(`(01)09506000134353`, REF)).toThrow(Gs1CheckDigitError)
    expect(() => parseGs1(`(17)271301`, REF)).toThrow(Gs1DateError)
    try {
      parseGs1(`(17)271301`, REF)
    } catch (e) {
      expect((e as Error).name).toBe('Gs1DateError')
    }
  })
})

describe('looksLikeGs1 and stripSymbologyId', () => {
  it.each([
    [`]C101${GTIN}`, true],
    [`${GS}01${GTIN}`, true],
    [`(10)LOT`, true],
    [`01${GTIN}`, true],
    [`0109506000134353`, false],
    ['LOT-0001', false],
    ['4006381333931', false],
    ['', false],
  ])('looksLikeGs1(%j) is %s', (text, yes) => {
    expect(looksLikeGs1(text)).toBe(yes)
  })

  it.each([
    [']C0LOT-0001', 'LOT-0001'],
    [']E04006381333931', '4006381333931'],
    [']Q1https://x/#/pair?code=A', 'https://x/#/pair?code=A'],
    [`]C101${GTIN}`, `]C101${GTIN}`],
    ['LOT-0001', 'LOT-0001'],
  ])('stripSymbologyId(%j) is %j', (text, stripped) => {
    expect(stripSymbologyId(text)).toBe(stripped)
  })
})
