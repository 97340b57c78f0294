// @vitest-environment happy-dom
import { effectScope } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { useCameraScanner } from '../../../src/composables/useCameraScanner'
import { loadPreferredCamera } from '../../../src/scan/camera-preference'
import { fakeCamera } from './fake-camera'

/** The ZXing chunk needs real video frames (covered by the camera e2e); here it is the edge we script. */
const decoder = vi.hoisted(() => ({
  emit: (_text: string) => {},
  stopped: 0,
}))
vi.mock('../../../src/scan/camera-decoder', () => ({
  decodeStream: async (_stream: MediaStream, _video: HTMLVideoElement, onText: (t: string) => void) => {
    decoder.emit = onText
    return () => {
      decoder.stopped++
    }
  },
}))

function setup(cam = fakeCamera()) {
  const scans: string[] = []
  const scope = effectScope()
  const scanner = scope.run(() => useCameraScanner({ onScan: (t) => scans.push(t), environment: cam.env }))
  if (scanner === undefined) throw new Error('scope did not run')
  return { cam, scans, scanner, scope, video: document.createElement('video') }
}

beforeEach(() => {
  localStorage.clear()
  decoder.stopped = 0
})

describe('useCameraScanner', () => {
  it('scans continuously, dropping repeats of a code still in view', async () => {
    const { scanner, scans, video } = setup()
    await scanner.start(video)
    expect(scanner.state.value).toBe('scanning')
    decoder.emit('LOT-0001')
    decoder.emit('LOT-0001')
    decoder.emit('LOT-0002')
    expect(scans).toEqual(['LOT-0001', 'LOT-0002'])
  })

  it('remembers the camera that worked', async () => {
    const { scanner, video } = setup()
    await scanner.start(video)
    expect(loadPreferredCamera()).toBe('back')
  })

  it('releases the camera on stop: decoding ends and every track is stopped', async () => {
    const { scanner, cam, video } = setup()
    await scanner.start(video)
    await scanner.stop()
    expect(decoder.stopped).toBe(1)
    expect(cam.tracks.map((t) => t.stopped)).toEqual([true])
    expect(scanner.state.value).toBe('idle')
  })

  it('releases the camera when its scope is disposed (the dialog closes)', async () => {
    const { scanner, cam, scope, video } = setup()
    await scanner.start(video)
    scope.stop()
    await vi.waitFor(() => expect(cam.tracks[0]?.stopped).toBe(true))
  })

  it('leaves no stream running when closed while still starting', async () => {
    const { scanner, cam, video } = setup()
    const starting = scanner.start(video)
    const stopping = scanner.stop()
    await Promise.all([starting, stopping])
    expect(cam.tracks.every((t) => t.stopped)).toBe(true)
    expect(scanner.state.value).toBe('idle')
  })

  it('switches to the next camera and remembers it', async () => {
    const { scanner, cam, video } = setup()
    await scanner.start(video)
    expect(scanner.canSwitch.value).toBe(true)
    await scanner.switchCamera()
    expect(cam.tracks.map((t) => [t.deviceId, t.stopped])).toEqual([['back', true], ['front', false]])
    expect(loadPreferredCamera()).toBe('front')
  })

  it('toggles the torch only where supported', async () => {
    const { scanner, cam, video } = setup(fakeCamera(['back'], { torch: true }))
    await scanner.start(video)
    await scanner.toggleTorch()
    expect(scanner.torchOn.value).toBe(true)
    expect(cam.tracks[0]?.torch).toBe(true)
    await scanner.toggleTorch()
    expect(scanner.torchOn.value).toBe(false)
  })

  it('reports a denied permission as an error state with its code', async () => {
    const { scanner, video } = setup(fakeCamera(['back'], { failWith: 'NotAllowedError' }))
    await scanner.start(video)
    expect(scanner.state.value).toBe('error')
    expect(scanner.error.value?.code).toBe('permission_denied')
  })
})
