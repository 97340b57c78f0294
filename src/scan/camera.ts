/**
 * Opening and closing the camera stream (no decoding here, see camera-decoder.ts). The back camera
 * is preferred, the one that worked is remembered, and stopping stops every track so the camera
 * light goes off when the scanner closes.
 */
import { CameraUnsupportedError, InsecureContextError, NoCameraError, toCameraError } from './camera-errors'

/** The torch is not yet in TypeScript's DOM types (https://w3c.github.io/mediacapture-image/#dom-mediatrackcapabilities-torch). */
interface TorchCapabilities extends MediaTrackCapabilities {
  torch?: boolean
}
interface TorchConstraintSet extends MediaTrackConstraintSet {
  torch?: boolean
}

/** An open camera stream. */
export interface CameraSession {
  readonly stream: MediaStream
  /** The device in use, to remember; null if the browser does not tell. */
  readonly deviceId: string | null
  /** The track can switch its torch (lamp) on. */
  readonly torchSupported: boolean
  setTorch(on: boolean): Promise<void>
  /** Stops every track; safe to call twice. */
  stop(): void
}

/** What the camera needs from the browser, injectable for tests. */
export interface CameraEnvironment {
  isSecureContext: boolean
  mediaDevices: Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices'> | undefined
}

function browserEnvironment(): CameraEnvironment {
  return { isSecureContext: globalThis.isSecureContext === true, mediaDevices: globalThis.navigator?.mediaDevices }
}

const BACK_CAMERA: MediaTrackConstraints = {
  facingMode: { ideal: 'environment' },
  width: { ideal: 1280 },
  height: { ideal: 720 },
}

function sessionOf(stream: MediaStream): CameraSession {
  const track = stream.getVideoTracks()[0]
  if (track === undefined) {
    for (const t of stream.getTracks()) t.stop()
    throw new NoCameraError()
  }
  const capabilities: TorchCapabilities = typeof track.getCapabilities === 'function' ? track.getCapabilities() : {}
  return {
    stream,
    deviceId: track.getSettings().deviceId ?? null,
    torchSupported: capabilities.torch === true,
    async setTorch(on: boolean) {
      const torch: TorchConstraintSet = { torch: on }
      await track.applyConstraints({ advanced: [torch] })
    },
    stop() {
      for (const t of stream.getTracks()) t.stop()
    },
  }
}

/**
 * Open a camera: the remembered device if it is still there, else the back camera.
 * @throws CameraError (InsecureContextError, CameraUnsupportedError, CameraPermissionDeniedError, NoCameraError, CameraInUseError, CameraStartError)
 */
export async function openCamera(preferredDeviceId: string | null, env: CameraEnvironment = browserEnvironment()): Promise<CameraSession> {
  if (!env.isSecureContext) throw new InsecureContextError()
  const media = env.mediaDevices
  if (media === undefined || typeof media.getUserMedia !== 'function') throw new CameraUnsupportedError()
  if (preferredDeviceId !== null) {
    try {
      return sessionOf(await media.getUserMedia({ audio: false, video: { ...BACK_CAMERA, deviceId: { exact: preferredDeviceId } } }))
    } catch (e) {
      const error = toCameraError(e)
      // A remembered camera that is gone (unplugged, new device) falls back to the default; other failures are real.
      if (!(error instanceof NoCameraError)) throw error
    }
  }
  try {
    return sessionOf(await media.getUserMedia({ audio: false, video: BACK_CAMERA }))
  } catch (e) {
    throw toCameraError(e)
  }
}

/** The ids of the video inputs, for the "switch camera" button (labels need a granted permission). */
export async function listCameras(env: CameraEnvironment = browserEnvironment()): Promise<string[]> {
  if (env.mediaDevices === undefined) return []
  const devices = await env.mediaDevices.enumerateDevices()
  return devices.filter((d) => d.kind === 'videoinput' && d.deviceId !== '').map((d) => d.deviceId)
}

/** The camera after `current` in the list, wrapping around; null when there is no other. */
export function nextCamera(cameras: readonly string[], current: string | null): string | null {
  if (cameras.length < 2) return null
  const at = current === null ? -1 : cameras.indexOf(current)
  return cameras[(at + 1) % cameras.length] ?? null
}
