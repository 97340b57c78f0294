/**
 * Why the camera could not scan, one class per failure, each with a stable `code` the screen
 * translates and a message that says what to do. Shaped after vue-qrcode-reader's `errors.ts`.
 */

export type CameraErrorCode = 'insecure_context' | 'unsupported' | 'permission_denied' | 'no_camera' | 'in_use' | 'start_failed'

/** Base class of every camera failure. */
export abstract class CameraError extends Error {
  abstract readonly code: CameraErrorCode
}

/** Browsers expose cameras only to secure pages. */
export class InsecureContextError extends CameraError {
  override name = 'InsecureContextError'
  readonly code = 'insecure_context'
  constructor() {
    super('The camera needs a secure page: open the terminal over HTTPS (or on localhost), not plain HTTP.')
  }
}

/** No `navigator.mediaDevices.getUserMedia` at all (old browser or a locked-down kiosk). */
export class CameraUnsupportedError extends CameraError {
  override name = 'CameraUnsupportedError'
  readonly code = 'unsupported'
  constructor() {
    super('This browser cannot use a camera: use a current Chrome, Edge or Firefox, or a hardware scanner.')
  }
}

/** The person or a policy refused camera access. */
export class CameraPermissionDeniedError extends CameraError {
  override name = 'CameraPermissionDeniedError'
  readonly code = 'permission_denied'
  constructor() {
    super('Camera access was refused: allow the camera for this site in the browser settings, then try again.')
  }
}

/** The device has no camera, or not the one remembered. */
export class NoCameraError extends CameraError {
  override name = 'NoCameraError'
  readonly code = 'no_camera'
  constructor() {
    super('No camera was found on this device: connect one, or use a hardware scanner.')
  }
}

/** Another app or tab holds the camera. */
export class CameraInUseError extends CameraError {
  override name = 'CameraInUseError'
  readonly code = 'in_use'
  constructor() {
    super('The camera is busy in another app or tab: close it there, then try again.')
  }
}

/** Any other failure while starting the camera or the decoder. */
export class CameraStartError extends CameraError {
  override name = 'CameraStartError'
  readonly code = 'start_failed'
  constructor(cause: unknown) {
    super(`The camera could not start (${cause instanceof Error ? cause.message : String(cause)}): close the scanner and open it again.`, { cause })
  }
}

/**
 * Map a `getUserMedia` or decoder failure to its class.
 * DOMException names: https://developer.mozilla.org/docs/Web/API/MediaDevices/getUserMedia#exceptions
 */
export function toCameraError(e: unknown): CameraError {
  if (e instanceof CameraError) return e
  const name = e instanceof Error ? e.name : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CameraPermissionDeniedError()
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return new NoCameraError()
    case 'NotReadableError':
    case 'TrackStartError':
      return new CameraInUseError()
    default:
      return new CameraStartError(e)
  }
}
