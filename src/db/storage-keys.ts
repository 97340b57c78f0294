/** The work center the queue shows: one of the plant's ids, so it goes with the pairing. */
export const WORK_CENTER_STORAGE_KEY = 'shopfloor.queue.workCenter'

/**
 * Every localStorage key that holds plant data, which unpair removes. The others (language, device
 * name, scanner setup) are the device's and stay.
 */
export const PAIRING_STORAGE_KEYS: readonly string[] = [WORK_CENTER_STORAGE_KEY]
