/**
 * The barcodes the fake camera shows, one Playwright project (`camera-<name>`) per clip.
 * e2e/global-setup.ts renders each with bwip-js (`bcid`, `text`) into e2e/.fixtures/<name>.y4m.
 */
export interface CameraClip {
  /** File and project name: `[a-z0-9-]+`. */
  name: string
  /** bwip-js symbology id, e.g. `code128`, `gs1datamatrix`, `gs1-128`. */
  bcid: string
  /** The encoded text, in bwip-js syntax (GS1 data as `(01)…(10)…`). */
  text: string
}

export const CAMERA_CLIPS: readonly CameraClip[] = [{ name: 'code128', bcid: 'code128', text: 'LOT-0001' }]
