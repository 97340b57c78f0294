/**
 * The barcodes the fake camera shows, one Playwright project (`camera-<name>`) per clip.
 * e2e/global-setup.ts renders each with bwip-js (`bcid`, `text`) into e2e/.fixtures/<name>.y4m.
 * The first three carry lot LOT-0001 of the demo plant's Mounting Bracket (server/seed: the first lot
 * made, of the first lot-tracked finished product, EAN-13 4006381000161); the last one a component lot.
 */
export interface CameraClip {
  /** File and project name: `[a-z0-9-]+`. */
  name: string
  /** bwip-js symbology id, e.g. `code128`, `gs1datamatrix`, `gs1-128`. */
  bcid: string
  /** The encoded text, in bwip-js syntax (GS1 data as `(01)…(10)…`). */
  text: string
  /** The lot the app must read from it. */
  lot: string
  /** The product the app must name for that lot. */
  product: string
}

const LOT = 'LOT-0001'
const PRODUCT = '[BRK-04] Mounting Bracket'
const GS1 = `(01)04006381000161(10)${LOT}(17)271231`

/** A component lot: the demo's third plywood lot (plywood is the first product seeded, EAN-13 4006381000017). */
export const COMPONENT_CLIP = 'gs1-component'
const COMPONENT_LOT = 'PLY2411C03'

export const CAMERA_CLIPS: readonly CameraClip[] = [
  { name: 'code128', bcid: 'code128', text: LOT, lot: LOT, product: PRODUCT },
  { name: 'gs1-128', bcid: 'gs1-128', text: GS1, lot: LOT, product: PRODUCT },
  { name: 'gs1dm', bcid: 'gs1datamatrix', text: GS1, lot: LOT, product: PRODUCT },
  {
    name: COMPONENT_CLIP,
    bcid: 'gs1-128',
    text: `(01)04006381000017(10)${COMPONENT_LOT}`,
    lot: COMPONENT_LOT,
    product: '[PLY-18] Plywood Sheet 18 mm',
  },
]
