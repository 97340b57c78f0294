/** The camera the operator last used on this device, kept in localStorage (a device setting, not work data). */

const KEY = 'shopfloor.camera.deviceId'

/** The remembered camera's device id, or null. */
export function loadPreferredCamera(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string | null {
  return storage?.getItem(KEY) ?? null
}

/** Remember the camera that worked. */
export function savePreferredCamera(deviceId: string, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  storage?.setItem(KEY, deviceId)
}
