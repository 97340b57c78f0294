/**
 * GS1 element strings (GS1 General Specifications §3 and §7.8): what a GS1-128, GS1 DataMatrix,
 * GS1 QR or DataBar symbol carries, as scanners and ZXing deliver it. Pure functions, no I/O.
 *
 * Accepted forms of the same data:
 * - human readable, with parentheses: `(01)09506000134352(10)LOT-0001(17)271231`;
 * - raw, with a symbology identifier: `]C1` (GS1-128), `]d2` (GS1 DataMatrix), `]Q3` (GS1 QR), `]e0` (DataBar),
 *   variable-length fields ended by FNC1, transmitted as GS (U+001D);
 * - raw with a leading GS instead of an identifier (ZXing's GS1 DataMatrix output);
 * - raw without any marker, when it starts with (01) and a GTIN whose check digit is right.
 */

/** FNC1 as transmitted inside a GS1 element string. */
export const GS = '\u001d'

/** Symbology identifiers (ISO/IEC 15424) that announce GS1 element strings. */
const GS1_SYMBOLOGY_IDS = [']C1', ']d2', ']Q3', ']e0'] as const

export type Gs1SymbologyId = (typeof GS1_SYMBOLOGY_IDS)[number]

export type Gs1ErrorCode =
  | 'empty'
  | 'unknown_ai'
  | 'truncated'
  | 'too_long'
  | 'not_numeric'
  | 'invalid_character'
  | 'check_digit'
  | 'invalid_date'
  | 'duplicate_ai'

/** A GS1 element string that cannot be read. `code` and `ai` let the screen say which field is wrong. */
export class Gs1Error extends Error {
  override name = 'Gs1Error'
  constructor(
    readonly code: Gs1ErrorCode,
    message: string,
    readonly ai: string | null = null,
  ) {
    super(message)
  }
}

/** The GTIN's last digit does not match the others: a misread or a mistyped code. */
export class Gs1CheckDigitError extends Gs1Error {
  override name = 'Gs1CheckDigitError'
  constructor(ai: string, value: string) {
    super('check_digit', `GTIN ${value} in (${ai}) has a wrong check digit: scan the code again or check the label.`, ai)
  }
}

/** A YYMMDD field that is no calendar date. */
export class Gs1DateError extends Gs1Error {
  override name = 'Gs1DateError'
  constructor(ai: string, value: string) {
    super('invalid_date', `(${ai}) ${value} is not a date in YYMMDD form: check the label.`, ai)
  }
}

type Gs1Format = 'numeric' | 'alphanumeric' | 'date' | 'gtin' | 'decimal'

interface AiSpec {
  /** Short GS1 data title. */
  title: string
  format: Gs1Format
  /** Exact length of the data when fixed, in characters. */
  fixed?: number
  /** Longest allowed data when variable, in characters. */
  max?: number
}

/**
 * The AIs this terminal interprets. Other AIs of a known structure are still split off (so the
 * ones we need behind them are found) and kept as raw text.
 */
const AI_SPECS: Readonly<Record<string, AiSpec>> = {
  '00': { title: 'SSCC', format: 'numeric', fixed: 18 },
  '01': { title: 'GTIN', format: 'gtin', fixed: 14 },
  '02': { title: 'CONTENT', format: 'gtin', fixed: 14 },
  '10': { title: 'BATCH/LOT', format: 'alphanumeric', max: 20 },
  '11': { title: 'PROD DATE', format: 'date', fixed: 6 },
  '12': { title: 'DUE DATE', format: 'date', fixed: 6 },
  '13': { title: 'PACK DATE', format: 'date', fixed: 6 },
  '15': { title: 'BEST BEFORE', format: 'date', fixed: 6 },
  '16': { title: 'SELL BY', format: 'date', fixed: 6 },
  '17': { title: 'USE BY OR EXPIRY', format: 'date', fixed: 6 },
  '20': { title: 'VARIANT', format: 'numeric', fixed: 2 },
  '21': { title: 'SERIAL', format: 'alphanumeric', max: 20 },
  '22': { title: 'CPV', format: 'alphanumeric', max: 20 },
  '30': { title: 'VAR. COUNT', format: 'numeric', max: 8 },
  '37': { title: 'COUNT', format: 'numeric', max: 8 },
  '240': { title: 'ADDITIONAL ID', format: 'alphanumeric', max: 30 },
  '241': { title: 'CUST. PART No.', format: 'alphanumeric', max: 30 },
  '250': { title: 'SECONDARY SERIAL', format: 'alphanumeric', max: 30 },
  '400': { title: 'ORDER NUMBER', format: 'alphanumeric', max: 30 },
}

/**
 * Length of an AI, by its first two digits (GS1 General Specifications, figure 3.2-1 ordering):
 * the AI table is prefix-free, which is what lets a raw string be split without separators.
 */
function aiLength(firstTwo: string): number | null {
  const n = Number(firstTwo)
  if (!/^\d\d$/.test(firstTwo)) return null
  if (n <= 4 || (n >= 10 && n <= 22) || n === 30 || n === 37 || (n >= 90 && n <= 99)) return 2
  if ((n >= 23 && n <= 25) || n === 40 || n === 41 || n === 42 || n === 71) return 3
  if ((n >= 31 && n <= 36) || n === 39 || n === 43 || n === 70 || n === 72 || (n >= 80 && n <= 82)) return 4
  return null
}

/**
 * Data length of AIs whose length is predefined by their first two digits (GS1 General
 * Specifications figure 7.8.5-2): these need no FNC1 after them, every other AI does.
 */
const PREDEFINED_LENGTH: Readonly<Record<string, number>> = {
  '00': 18, '01': 14, '02': 14, '03': 14, '04': 16,
  '11': 6, '12': 6, '13': 6, '14': 6, '15': 6, '16': 6, '17': 6, '18': 6, '19': 6,
  '20': 2, '31': 6, '32': 6, '33': 6, '34': 6, '35': 6, '36': 6, '41': 13,
}

/** GS1 AI encodable character set 82 (GS1 General Specifications figure 7.11-1). */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/

export interface Gs1Element {
  ai: string
  /** The data as carried in the symbol. */
  raw: string
  title: string
  /** Interpreted value: ISO date `YYYY-MM-DD`, a number for counts and measures, else the raw text. */
  value: string | number
}

export interface Gs1Data {
  symbology: Gs1SymbologyId | null
  elements: Gs1Element[]
  /** (01) GTIN-14. */
  gtin: string | null
  /** (10) batch or lot. */
  lot: string | null
  /** (21) serial number. */
  serial: string | null
  /** (11) production date, `YYYY-MM-DD`. */
  productionDate: string | null
  /** (17) expiry date, `YYYY-MM-DD`. */
  expiryDate: string | null
  /** (30) or (37) count of items. */
  count: number | null
  /** (310x) net weight, in kg. */
  netWeightKg: number | null
}

export interface Gs1ParseOptions {
  /** Year the two-digit years are read against (GS1 §7.12 sliding window); defaults to the current year. */
  referenceYear?: number
}

/** GS1 mod-10 check digit of the digits given (without the check digit). */
export function gs1CheckDigit(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i])
    sum += i % 2 === 0 ? d * 3 : d
  }
  return (10 - (sum % 10)) % 10
}

/** True for a GTIN-8/12/13/14 whose last digit is its check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false
  return gs1CheckDigit(code.slice(0, -1)) === Number(code.slice(-1))
}

/** Expand an 8-digit UPC-E (number system 0 or 1) to its 12-digit UPC-A. */
export function upcEToUpcA(upcE: string): string | null {
  if (!/^[01]\d{7}$/.test(upcE)) return null
  const ns = upcE[0] as string
  const d = upcE.slice(1, 7)
  const check = upcE[7] as string
  const last = Number(d[5])
  let body: string
  if (last <= 2) body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`
  else if (last === 3) body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`
  else if (last === 4) body = `${d.slice(0, 4)}00000${d[4]}`
  else body = `${d.slice(0, 5)}0000${last}`
  return `${ns}${body}${check}`
}

/**
 * The GTIN-14 form of a retail barcode (EAN-8, UPC-E, UPC-A, EAN-13, GTIN-14), so a scanned
 * (01) GTIN and a product's EAN-13 compare equal. Null when the text is no valid GTIN.
 */
export function toGtin14(code: string): string | null {
  const trimmed = code.trim()
  if (isValidGtin(trimmed)) return trimmed.padStart(14, '0')
  const upcA = upcEToUpcA(trimmed)
  return upcA !== null && isValidGtin(upcA) ? upcA.padStart(14, '0') : null
}

/** Read YYMMDD with GS1's sliding century window; DD 00 means the month's last day. */
function parseDate(ai: string, raw: string, referenceYear: number): string {
  if (!/^\d{6}$/.test(raw)) throw new Gs1DateError(ai, raw)
  const yy = Number(raw.slice(0, 2))
  const mm = Number(raw.slice(2, 4))
  let dd = Number(raw.slice(4, 6))
  const refCentury = Math.floor(referenceYear / 100) * 100
  const diff = yy - (referenceYear % 100)
  const century = diff >= 51 ? refCentury - 100 : diff <= -50 ? refCentury + 100 : refCentury
  const year = century + yy
  if (mm < 1 || mm > 12) throw new Gs1DateError(ai, raw)
  const lastDay = new Date(Date.UTC(year, mm, 0)).getUTCDate()
  if (dd === 0) dd = lastDay
  if (dd > lastDay) throw new Gs1DateError(ai, raw)
  return `${String(year).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`
}

/** The spec of an AI this module does not list: measures (31xx–36xx) are six digits with x decimals. */
function specOf(ai: string): AiSpec {
  const listed = AI_SPECS[ai]
  if (listed !== undefined) return listed
  if (/^3[1-6]\d\d$/.test(ai)) {
    return { title: ai.startsWith('310') ? 'NET WEIGHT (kg)' : 'MEASURE', format: 'decimal', fixed: 6 }
  }
  return { title: `AI ${ai}`, format: 'alphanumeric', max: 90 }
}

function interpret(ai: string, raw: string, referenceYear: number): Gs1Element {
  const { title, format, fixed, max } = specOf(ai)
  if (!CSET82.test(raw)) {
    throw new Gs1Error('invalid_character', `(${ai}) contains a character GS1 does not allow: check the label.`, ai)
  }
  if (raw === '') {
    throw new Gs1Error('truncated', `(${ai}) has no data: scan the whole code.`, ai)
  }
  if (format !== 'alphanumeric' && !/^\d+$/.test(raw)) {
    throw new Gs1Error('not_numeric', `(${ai}) must hold digits only, got "${raw}": check the label.`, ai)
  }
  if (fixed !== undefined && raw.length < fixed) {
    throw new Gs1Error('truncated', `(${ai}) needs ${fixed} characters, got ${raw.length}: scan the whole code.`, ai)
  }
  if (fixed !== undefined && raw.length > fixed) {
    throw new Gs1Error('too_long', `(${ai}) needs ${fixed} characters, got ${raw.length}: check the label.`, ai)
  }
  if (max !== undefined && raw.length > max) {
    throw new Gs1Error('too_long', `(${ai}) allows at most ${max} characters, got ${raw.length}: a separator is missing.`, ai)
  }
  switch (format) {
    case 'gtin':
      if (!isValidGtin(raw)) throw new Gs1CheckDigitError(ai, raw)
      return { ai, raw, title, value: raw }
    case 'date':
      return { ai, raw, title, value: parseDate(ai, raw, referenceYear) }
    case 'decimal':
      return { ai, raw, title, value: Number(raw) / 10 ** Number(ai[3]) }
    case 'numeric':
      return { ai, raw, title, value: fixed === undefined ? Number(raw) : raw }
    case 'alphanumeric':
      return { ai, raw, title, value: raw }
    default:
      throw new Error(`unhandled GS1 format ${String(format satisfies never)}`)
  }
}

/** Split a raw element string (FNC1 as GS) into AI and data pairs. */
function splitRaw(body: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  let i = 0
  while (i < body.length) {
    if (body[i] === GS) {
      i++
      continue
    }
    const len = aiLength(body.slice(i, i + 2))
    if (len === null || i + len > body.length) {
      throw new Gs1Error('unknown_ai', `"${body.slice(i, i + 4)}" at position ${i + 1} is no GS1 application identifier: the code is not GS1 or was misread.`)
    }
    const ai = body.slice(i, i + len)
    i += len
    const predefined = PREDEFINED_LENGTH[ai.slice(0, 2)]
    let end: number
    if (predefined !== undefined) {
      end = i + predefined
      if (end > body.length) {
        throw new Gs1Error('truncated', `(${ai}) needs ${predefined} characters, got ${body.length - i}: scan the whole code.`, ai)
      }
    } else {
      const gs = body.indexOf(GS, i)
      end = gs === -1 ? body.length : gs
    }
    pairs.push([ai, body.slice(i, end)])
    i = end
  }
  return pairs
}

/** Split `(01)…(10)…` into AI and data pairs. */
function splitBracketed(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  const re = /\((\d{2,4})\)/g
  const marks = [...text.matchAll(re)]
  if (marks.length === 0 || marks[0]?.index !== 0) {
    throw new Gs1Error('unknown_ai', 'A bracketed GS1 string must start with an AI such as (01): the code is not GS1.')
  }
  marks.forEach((m, k) => {
    const ai = m[1] as string
    if (aiLength(ai.slice(0, 2)) !== ai.length) {
      throw new Gs1Error('unknown_ai', `(${ai}) is no GS1 application identifier: check the label.`, ai)
    }
    const start = (m.index ?? 0) + m[0].length
    const end = marks[k + 1]?.index ?? text.length
    pairs.push([ai, text.slice(start, end)])
  })
  return pairs
}

/** What kind of GS1 string the text is, if any, and its body without the marker. */
function detect(text: string): { symbology: Gs1SymbologyId | null; body: string; bracketed: boolean } | null {
  const id = GS1_SYMBOLOGY_IDS.find((s) => text.startsWith(s))
  if (id !== undefined) return { symbology: id, body: text.slice(3), bracketed: text.startsWith('(', 3) }
  if (text.startsWith(GS)) return { symbology: null, body: text.slice(1), bracketed: false }
  if (/^\(\d{2,4}\)/.test(text)) return { symbology: null, body: text, bracketed: true }
  if (/^01\d{14}/.test(text) && isValidGtin(text.slice(2, 16))) return { symbology: null, body: text, bracketed: false }
  return null
}

/** True when the scanned text is meant as GS1 element strings (and should be parsed as such). */
export function looksLikeGs1(text: string): boolean {
  return text.trim() !== '' && detect(text.trim()) !== null
}

/**
 * Parse a GS1 element string in any of the forms listed at the top of this module.
 * @throws Gs1Error (or a subclass) naming the AI at fault, when the text is not valid GS1.
 */
export function parseGs1(text: string, options: Gs1ParseOptions = {}): Gs1Data {
  const { referenceYear = new Date().getFullYear() } = options
  // Scanners append CR/LF; a GS at the very end is a stray FNC1.
  const trimmed = text.replace(/[\r\n]+$/, '').trim()
  if (trimmed === '') throw new Gs1Error('empty', 'The scan is empty: scan again.')
  const found = detect(trimmed)
  if (found === null) {
    throw new Gs1Error('unknown_ai', 'This is no GS1 code (no symbology identifier, FNC1 or (AI) found): scan the GS1 label of the item.')
  }
  const pairs = found.bracketed ? splitBracketed(found.body) : splitRaw(found.body.replace(new RegExp(`${GS}+$`), ''))
  const elements: Gs1Element[] = []
  for (const [ai, raw] of pairs) {
    const previous = elements.find((e) => e.ai === ai)
    if (previous !== undefined) {
      throw new Gs1Error('duplicate_ai', `(${ai}) appears twice: the code is malformed.`, ai)
    }
    elements.push(interpret(ai, raw, referenceYear))
  }
  const value = (ai: string) => elements.find((e) => e.ai === ai)?.value ?? null
  const str = (ai: string) => {
    const v = value(ai)
    return typeof v === 'string' ? v : null
  }
  const num = (v: string | number | null | undefined) => (typeof v === 'number' ? v : null)
  return {
    symbology: found.symbology,
    elements,
    gtin: str('01'),
    lot: str('10'),
    serial: str('21'),
    productionDate: str('11'),
    expiryDate: str('17'),
    count: num(value('30') ?? value('37')),
    netWeightKg: num(elements.find((e) => e.ai.startsWith('310'))?.value),
  }
}

/** Remove a leading non-GS1 symbology identifier (e.g. `]C0`, `]E0`, `]Q1`) that a scanner may prefix. */
export function stripSymbologyId(text: string): string {
  return /^\][A-Za-z][0-9A-Za-z]/.test(text) && !looksLikeGs1(text) ? text.slice(3) : text
}
