import { onScopeDispose, readonly, ref, type Ref } from 'vue'
import { listCameras, nextCamera, openCamera, type CameraEnvironment, type CameraSession } from '../scan/camera'
import { toCameraError, type CameraError } from '../scan/camera-errors'
import { loadPreferredCamera, savePreferredCamera } from '../scan/camera-preference'
import { ScanDeduper } from '../scan/dedupe'
import type { StopDecoding } from '../scan/camera-decoder'

export type CameraState = 'idle' | 'starting' | 'scanning' | 'error'

export interface UseCameraScannerOptions {
  /** Called once per new code (repeats of a code still in view are dropped). */
  onScan: (text: string) => void
  /** How long a code must be out of view before it counts again, in milliseconds. */
  dedupeWindowMs?: number
  /** Pause between decode attempts, in milliseconds. */
  attemptDelayMs?: number
  /** The browser's camera API; injectable for tests. */
  environment?: CameraEnvironment
}

export interface UseCameraScannerReturn {
  state: Readonly<Ref<CameraState>>
  /** Why the camera is not scanning, when `state` is `error`. */
  error: Readonly<Ref<CameraError | null>>
  torchSupported: Readonly<Ref<boolean>>
  torchOn: Readonly<Ref<boolean>>
  /** More than one camera: "switch camera" makes sense. */
  canSwitch: Readonly<Ref<boolean>>
  /** Open the camera into `video` and decode until `stop()`. */
  start(video: HTMLVideoElement): Promise<void>
  /** Stop decoding and release the camera (every track stopped). */
  stop(): Promise<void>
  toggleTorch(): Promise<void>
  /** Move to the next camera and remember it. */
  switchCamera(): Promise<void>
}

/**
 * Continuous camera scanning. Start and stop run through one promise chain, so a dialog opened and
 * closed quickly can never leave a stream running (the pattern of vue-qrcode-reader's camera.ts).
 * The decoder chunk is loaded on the first start only.
 */
export function useCameraScanner(options: UseCameraScannerOptions): UseCameraScannerReturn {
  const { onScan, dedupeWindowMs = 1500, attemptDelayMs = 60, environment } = options
  const state = ref<CameraState>('idle')
  const error = ref<CameraError | null>(null)
  const torchSupported = ref(false)
  const torchOn = ref(false)
  const canSwitch = ref(false)
  const deduper = new ScanDeduper({ windowMs: dedupeWindowMs })

  let session: CameraSession | null = null
  let stopDecoding: StopDecoding | null = null
  let videoEl: HTMLVideoElement | null = null
  let chain: Promise<void> = Promise.resolve()
  const enqueue = (task: () => Promise<void>): Promise<void> => (chain = chain.then(task, task))

  function release(): void {
    stopDecoding?.()
    stopDecoding = null
    session?.stop()
    session = null
    if (videoEl !== null) videoEl.srcObject = null
    torchOn.value = false
    torchSupported.value = false
  }

  async function open(video: HTMLVideoElement, deviceId: string | null): Promise<void> {
    release()
    videoEl = video
    state.value = 'starting'
    error.value = null
    deduper.clear()
    try {
      session = await openCamera(deviceId, environment)
      if (session.deviceId !== null) savePreferredCamera(session.deviceId)
      torchSupported.value = session.torchSupported
      canSwitch.value = (await listCameras(environment)).length > 1
      const decoder = await import('../scan/camera-decoder')
      stopDecoding = await decoder.decodeStream(session.stream, video, (text) => {
        if (deduper.accept(text)) onScan(text)
      }, { attemptDelayMs })
      state.value = 'scanning'
    } catch (e) {
      release()
      error.value = toCameraError(e)
      state.value = 'error'
    }
  }

  const start = (video: HTMLVideoElement) => enqueue(() => open(video, loadPreferredCamera()))

  const stop = () =>
    enqueue(async () => {
      release()
      state.value = 'idle'
    })

  const toggleTorch = () =>
    enqueue(async () => {
      if (session === null || !session.torchSupported) return
      await session.setTorch(!torchOn.value)
      torchOn.value = !torchOn.value
    })

  const switchCamera = () =>
    enqueue(async () => {
      if (videoEl === null) return
      const next = nextCamera(await listCameras(environment), session?.deviceId ?? loadPreferredCamera())
      if (next !== null) await open(videoEl, next)
    })

  onScopeDispose(() => {
    void stop()
  })

  return {
    state: readonly(state),
    error: readonly(error) as Readonly<Ref<CameraError | null>>,
    torchSupported: readonly(torchSupported),
    torchOn: readonly(torchOn),
    canSwitch: readonly(canSwitch),
    start,
    stop,
    toggleTorch,
    switchCamera,
  }
}
