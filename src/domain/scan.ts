/**
 * What a scan means to the terminal: one barcode text (camera or keyboard wedge) resolved against
 * the data the tablet holds, so it works offline. Pure functions, no I/O.
 */
import type { Operator, Product, WorkOrder } from './contract'
import { PairingInputError, parsePairingInput, type PairingTarget } from './pairing'
import { Gs1Error, looksLikeGs1, parseGs1, stripSymbologyId, toGtin14, type Gs1Data, type Gs1ErrorCode } from './gs1'

/** A lot the tablet knows of, from its work orders and holds. */
export interface KnownLot {
  name: string
  product: Product | null
}

/** The local data a scan is resolved against. */
export interface ScanCatalog {
  operators: readonly Operator[]
  products: readonly Product[]
  workOrders: readonly WorkOrder[]
}

export type UnrecognisedReason = 'empty' | 'no_match' | 'product_unknown' | 'gs1_invalid'

export type ScanResolution =
  | { kind: 'pairing'; pairing: PairingTarget }
  | { kind: 'operator'; operator: Operator }
  | { kind: 'production'; name: string; workOrders: WorkOrder[] }
  | { kind: 'product'; product: Product }
  | { kind: 'lot'; lotName: string; product: Product | null; expiryDate: string | null; known: boolean }
  | { kind: 'serial'; serial: string; product: Product | null; known: boolean }
  | { kind: 'unrecognised'; text: string; reason: UnrecognisedReason; gs1Error?: { code: Gs1ErrorCode; ai: string | null; message: string } }

export interface ResolveOptions {
  /**
   * What the screen is waiting for. `lot`: an unknown plain text is taken as a lot name (the
   * server validates it at replay, as the contract says for offline scans); `any`: it is not recognised.
   */
  expect?: 'any' | 'lot'
  /** Year two-digit GS1 dates are read against; defaults to the current year. */
  referenceYear?: number
  /**
   * The salted hash of the scan's {@link badgeCandidate} on this terminal: badges travel only as hashes,
   * so without it no badge is recognised (a lot field does not need one).
   */
  badgeHash?: string | null
}

/**
 * The text a scan would be compared with as a badge, or null when it is something else first (GS1,
 * a pairing URL, nothing): what the caller hashes for {@link ResolveOptions.badgeHash}.
 */
export function badgeCandidate(rawText: string): string | null {
  const text = rawText.replace(/[\r\n]+$/, '').trim()
  if (text === '' || looksLikeGs1(text)) return null
  const plain = stripSymbologyId(text)
  return pairingFromUrl(plain) === null ? plain : null
}

/**
 * A pairing QR code's URL (`…#/pair?code=…`), read with the sync module's parser; null for any
 * other text. A bare code is no pairing scan here: it could be anything (the pairing screen reads it).
 */
export function pairingFromUrl(text: string): PairingTarget | null {
  if (!/^https?:\/\/\S*#\/pair\?/i.test(text)) return null
  try {
    return parsePairingInput(text, '')
  } catch (e) {
    if (e instanceof PairingInputError) return null
    throw e
  }
}

/** The lots the tablet can name offline: those produced by its work orders and those under hold. */
export function knownLots(workOrders: readonly WorkOrder[]): KnownLot[] {
  const lots = new Map<string, KnownLot>()
  for (const wo of workOrders) {
    for (const lot of wo.lots_producing) lots.set(lot.name, { name: lot.name, product: wo.product })
    for (const hold of wo.holds) {
      if (hold.lot_name !== null && !lots.has(hold.lot_name)) lots.set(hold.lot_name, { name: hold.lot_name, product: null })
    }
  }
  return [...lots.values()]
}

/** The product whose barcode is this text, comparing GTINs in their 14-digit form so EAN-13 and (01) match. */
export function findProductByBarcode(products: readonly Product[], text: string): Product | null {
  const exact = products.find((p) => p.barcode !== null && p.barcode === text)
  if (exact !== undefined) return exact
  const gtin = toGtin14(text)
  if (gtin === null) return null
  return products.find((p) => p.barcode !== null && toGtin14(p.barcode) === gtin) ?? null
}

function resolveGs1(text: string, catalog: ScanCatalog, referenceYear: number | undefined): ScanResolution {
  let data: Gs1Data
  try {
    data = parseGs1(text, referenceYear === undefined ? {} : { referenceYear })
  } catch (e) {
    if (!(e instanceof Gs1Error)) throw e
    return { kind: 'unrecognised', text, reason: 'gs1_invalid', gs1Error: { code: e.code, ai: e.ai, message: e.message } }
  }
  const product = data.gtin === null ? null : findProductByBarcode(catalog.products, data.gtin)
  const lots = knownLots(catalog.workOrders)
  const isKnown = (name: string) => lots.some((l) => l.name === name)
  if (data.serial !== null && (product?.tracking === 'serial' || data.lot === null)) {
    return { kind: 'serial', serial: data.serial, product, known: isKnown(data.serial) }
  }
  if (data.lot !== null) {
    return { kind: 'lot', lotName: data.lot, product, expiryDate: data.expiryDate, known: isKnown(data.lot) }
  }
  if (product !== null) return { kind: 'product', product }
  return { kind: 'unrecognised', text, reason: data.gtin === null ? 'no_match' : 'product_unknown' }
}

/**
 * Resolve one scanned text, in this order: GS1 element strings (product, lot, serial), a pairing
 * URL, an operator badge, a manufacturing order name, a product barcode, a lot the tablet knows,
 * and finally, when a lot is expected, the text as a lot name.
 */
export function resolveScan(rawText: string, catalog: ScanCatalog, options: ResolveOptions = {}): ScanResolution {
  const { expect = 'any', referenceYear, badgeHash = null } = options
  const text = rawText.replace(/[\r\n]+$/, '').trim()
  if (text === '') return { kind: 'unrecognised', text, reason: 'empty' }
  if (looksLikeGs1(text)) return resolveGs1(text, catalog, referenceYear)

  const plain = stripSymbologyId(text)
  const pairing = pairingFromUrl(plain)
  if (pairing !== null) return { kind: 'pairing', pairing }

  const operator = badgeHash === null ? undefined : catalog.operators.find((o) => o.badge_hash === badgeHash)
  if (operator !== undefined) return { kind: 'operator', operator }

  const moName = plain.toUpperCase()
  const ofProduction = catalog.workOrders.filter((wo) => wo.production.name.toUpperCase() === moName)
  if (ofProduction.length > 0) return { kind: 'production', name: ofProduction[0]?.production.name ?? plain, workOrders: ofProduction }

  const product = findProductByBarcode(catalog.products, plain)
  if (product !== null) return { kind: 'product', product }

  const lot = knownLots(catalog.workOrders).find((l) => l.name === plain)
  if (lot !== undefined) return { kind: 'lot', lotName: lot.name, product: lot.product, expiryDate: null, known: true }

  if (expect === 'lot') return { kind: 'lot', lotName: plain, product: null, expiryDate: null, known: false }
  return { kind: 'unrecognised', text, reason: 'no_match' }
}
