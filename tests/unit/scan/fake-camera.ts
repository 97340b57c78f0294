/** A scripted stand-in for `navigator.mediaDevices`: the edge the camera code talks to. */
import type { CameraEnvironment } from '../../../src/scan/camera'

export interface FakeTrack {
  stopped: boolean
  torch: boolean
  deviceId: string
}

export interface FakeCamera {
  env: CameraEnvironment
  tracks: FakeTrack[]
  /** Constraints of every getUserMedia call, in order. */
  requests: MediaStreamConstraints[]
}

/**
 * @param devices the cameras present (device ids)
 * @param failWith a DOMException name getUserMedia rejects with, for the device ids listed (or all: '*')
 */
export function fakeCamera(
  devices: string[] = ['back', 'front'],
  options: { failWith?: string; failFor?: string[]; torch?: boolean; secure?: boolean } = {},
): FakeCamera {
  const { failWith, failFor = ['*'], torch = false, secure = true } = options
  const tracks: FakeTrack[] = []
  const requests: MediaStreamConstraints[] = []
  const getUserMedia = async (constraints?: MediaStreamConstraints): Promise<MediaStream> => {
    requests.push(constraints ?? {})
    const video = constraints?.video
    const exact = typeof video === 'object' && typeof video.deviceId === 'object' && !Array.isArray(video.deviceId) ? video.deviceId.exact : undefined
    const wanted = typeof exact === 'string' ? exact : devices[0]
    if (failWith !== undefined && (failFor.includes('*') || failFor.includes(String(wanted)))) {
      throw new DOMException('refused by the fake', failWith)
    }
    if (wanted === undefined || !devices.includes(wanted)) throw new DOMException('no such camera', 'OverconstrainedError')
    const track: FakeTrack = { stopped: false, torch: false, deviceId: wanted }
    tracks.push(track)
    const mediaTrack = {
      stop: () => {
        track.stopped = true
      },
      getSettings: () => ({ deviceId: track.deviceId }),
      getCapabilities: () => (torch ? { torch: true } : {}),
      applyConstraints: async (c: MediaTrackConstraints) => {
        const set = c.advanced?.[0] as { torch?: boolean } | undefined
        track.torch = set?.torch === true
      },
    }
    return { getVideoTracks: () => [mediaTrack], getTracks: () => [mediaTrack] } as unknown as MediaStream
  }
  const enumerateDevices = async (): Promise<MediaDeviceInfo[]> =>
    devices.map((deviceId) => ({ deviceId, kind: 'videoinput', label: deviceId, groupId: 'g' }) as MediaDeviceInfo)
  return { env: { isSecureContext: secure, mediaDevices: { getUserMedia, enumerateDevices } }, tracks, requests }
}
