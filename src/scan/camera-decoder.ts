/**
 * The ZXing decoder. This module is only ever loaded with `await import('./camera-decoder')`:
 * @zxing is not tree-shakable (about 125 KB gzip), and the first load must stay small.
 */
import { BrowserMultiFormatReader } from '@zxing/browser'
import { BarcodeFormat, DecodeHintType, NotFoundException } from '@zxing/library'

/** What the shop floor prints: Code 128 / GS1-128, QR, Data Matrix (incl. GS1), EAN/UPC. */
export const SCAN_FORMATS: readonly BarcodeFormat[] = [
  BarcodeFormat.CODE_128,
  BarcodeFormat.DATA_MATRIX,
  BarcodeFormat.QR_CODE,
  BarcodeFormat.EAN_13,
  BarcodeFormat.EAN_8,
  BarcodeFormat.UPC_A,
  BarcodeFormat.UPC_E,
]

export interface DecoderOptions {
  /** Pause between two decode attempts on the video, in milliseconds: bounds the latency from a code appearing to its result. */
  attemptDelayMs?: number
  /** Pause after a successful decode before the next attempt, in milliseconds. */
  successDelayMs?: number
}

/** Stops decoding; the stream's tracks are stopped by the caller, which owns them. */
export type StopDecoding = () => void

function createReader(attemptDelayMs: number, successDelayMs: number): BrowserMultiFormatReader {
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [...SCAN_FORMATS]],
    // Keeps FNC1 in GS1-128 as `]C1` + GS separators; without it (10)(17) run together (toolchain.md gotcha 7).
    [DecodeHintType.ASSUME_GS1, true],
    [DecodeHintType.TRY_HARDER, true],
  ])
  return new BrowserMultiFormatReader(hints, {
    delayBetweenScanAttempts: attemptDelayMs,
    delayBetweenScanSuccess: successDelayMs,
  })
}

/**
 * Decode continuously from a camera stream shown in `video`, calling `onText` for each code read
 * (de-duplication is the caller's job).
 */
export async function decodeStream(
  stream: MediaStream,
  video: HTMLVideoElement,
  onText: (text: string) => void,
  options: DecoderOptions = {},
): Promise<StopDecoding> {
  const { attemptDelayMs = 60, successDelayMs = 300 } = options
  const reader = createReader(attemptDelayMs, successDelayMs)
  const controls = await reader.decodeFromStream(stream, video, (result) => {
    if (result !== undefined) onText(result.getText())
  })
  return () => controls.stop()
}

/** Decode one still image drawn on a canvas; null when no code is found. Used by the benchmark. */
export function decodeCanvas(canvas: HTMLCanvasElement): string | null {
  try {
    return createReader(0, 0).decodeFromCanvas(canvas).getText()
  } catch (e) {
    if (e instanceof NotFoundException) return null
    throw e
  }
}
