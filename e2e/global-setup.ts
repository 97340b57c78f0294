import { execFile } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import bwipjs from 'bwip-js/node'
import { CAMERA_CLIPS, type CameraClip } from './camera-clips.ts'

const FIXTURES_DIR = path.resolve(import.meta.dirname, '.fixtures')
/**
 * One second at 5 frames/s: Chromium loops the file, and that decodes as well as longer clips
 * at a quarter of the size (640x480 yuv420p is 460 KB a frame).
 */
const CLIP_SECONDS = 1
const CLIP_FPS = 5

/** ffmpeg is needed to turn a barcode image into a fake-camera clip. */
export class FfmpegMissingError extends Error {
  override name = 'FfmpegMissingError'
  constructor(cause: unknown) {
    super('ffmpeg was not found: install it with `apt-get install -y ffmpeg` (the camera e2e tests play clips made by it)', {
      cause,
    })
  }
}

/** Renders a clip's barcode and encodes it as the y4m file Chromium's fake camera plays. */
async function renderClip(clip: CameraClip): Promise<void> {
  const png = path.join(FIXTURES_DIR, `${clip.name}.png`)
  const y4m = path.join(FIXTURES_DIR, `${clip.name}.y4m`)
  const image = await bwipjs.toBuffer({
    bcid: clip.bcid,
    text: clip.text,
    scale: 3,
    paddingwidth: 10,
    paddingheight: 10,
    backgroundcolor: 'FFFFFF',
  })
  await writeFile(png, image)
  const args = ['-y', '-loglevel', 'error', '-loop', '1', '-i', png]
  args.push('-vf', 'scale=w=min(iw\\,600):h=-2,pad=640:480:(ow-iw)/2:(oh-ih)/2:white')
  args.push('-r', String(CLIP_FPS), '-t', String(CLIP_SECONDS), '-pix_fmt', 'yuv420p', y4m)
  try {
    await promisify(execFile)('ffmpeg', args)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FfmpegMissingError(error)
    throw error
  }
}

/** Renders the camera clips; returns the teardown that removes the run's scratch folder (see playwright.config.ts). */
export default async function globalSetup(): Promise<() => Promise<void>> {
  await mkdir(FIXTURES_DIR, { recursive: true })
  await Promise.all(CAMERA_CLIPS.map(renderClip))
  return async () => {
    const scratch = process.env.E2E_TMP_DIR
    if (scratch) await rm(scratch, { recursive: true, force: true })
  }
}
