import { describe, expect, it } from 'vitest'
import { listCameras, nextCamera, openCamera } from '../../../src/scan/camera'
import {
  CameraInUseError,
  CameraPermissionDeniedError,
  CameraStartError,
  CameraUnsupportedError,
  InsecureContextError,
  NoCameraError,
  toCameraError,
} from '../../../src/scan/camera-errors'
import { fakeCamera } from './fake-camera'

describe('openCamera', () => {
  it('asks for the back camera when none is remembered', async () => {
    const cam = fakeCamera()
    const session = await openCamera(null, cam.env)
    expect(cam.requests[0]?.video).toMatchObject({ facingMode: { ideal: 'environment' } })
    expect(session.deviceId).toBe('back')
  })

  it('opens the remembered camera exactly', async () => {
    const cam = fakeCamera()
    const session = await openCamera('front', cam.env)
    expect(cam.requests[0]?.video).toMatchObject({ deviceId: { exact: 'front' } })
    expect(session.deviceId).toBe('front')
  })

  it('falls back to the back camera when the remembered one is gone', async () => {
    const cam = fakeCamera(['back'])
    const session = await openCamera('usb-cam', cam.env)
    expect(cam.requests).toHaveLength(2)
    expect(session.deviceId).toBe('back')
  })

  it('does not hide a refused permission behind the fallback', async () => {
    const cam = fakeCamera(['back', 'front'], { failWith: 'NotAllowedError', failFor: ['front'] })
    await expect(openCamera('front', cam.env)).rejects.toBeInstanceOf(CameraPermissionDeniedError)
    expect(cam.requests).toHaveLength(1)
  })

  it('stops every track on stop()', async () => {
    const cam = fakeCamera()
    const session = await openCamera(null, cam.env)
    session.stop()
    expect(cam.tracks.every((t) => t.stopped)).toBe(true)
  })

  it('switches the torch where the track supports it', async () => {
    const cam = fakeCamera(['back'], { torch: true })
    const session = await openCamera(null, cam.env)
    expect(session.torchSupported).toBe(true)
    await session.setTorch(true)
    expect(cam.tracks[0]?.torch).toBe(true)
    expect((await openCamera(null, fakeCamera(['back']).env)).torchSupported).toBe(false)
  })

  it.each([
    ['an insecure page', fakeCamera([], { secure: false }).env, InsecureContextError],
    ['no mediaDevices', { isSecureContext: true, mediaDevices: undefined }, CameraUnsupportedError],
    ['a denied permission', fakeCamera(['back'], { failWith: 'NotAllowedError' }).env, CameraPermissionDeniedError],
    ['no camera at all', fakeCamera([]).env, NoCameraError],
    ['a camera busy elsewhere', fakeCamera(['back'], { failWith: 'NotReadableError' }).env, CameraInUseError],
    ['anything else', fakeCamera(['back'], { failWith: 'AbortError' }).env, CameraStartError],
  ])('refuses %s with a clear error', async (_name, env, errorClass) => {
    const error = await openCamera(null, env).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(errorClass)
    expect((error as Error).name).toBe(errorClass.name)
    expect((error as Error).message).toMatch(/: /)
  })
})

describe('camera helpers', () => {
  it('lists video inputs and cycles through them', async () => {
    const cameras = await listCameras(fakeCamera(['a', 'b', 'c']).env)
    expect(cameras).toEqual(['a', 'b', 'c'])
    expect(nextCamera(cameras, 'a')).toBe('b')
    expect(nextCamera(cameras, 'c')).toBe('a')
    expect(nextCamera(cameras, null)).toBe('a')
    expect(nextCamera(['a'], 'a')).toBeNull()
  })

  it('keeps a camera error as it is and wraps anything else', () => {
    const denied = new CameraPermissionDeniedError()
    expect(toCameraError(denied)).toBe(denied)
    expect(toCameraError('boom')).toBeInstanceOf(CameraStartError)
    expect(toCameraError(new DOMException('x', 'SecurityError')).code).toBe('permission_denied')
  })
})
