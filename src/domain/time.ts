/**
 * Formats a device-clock instant as ISO 8601 with the device's UTC offset
 * (`2026-11-23T08:01:12.345+01:00`): the contract wants the time as the operator lived it,
 * and the offset keeps it unambiguous.
 */
export function formatLocalIso(date: Date): string {
  const offset = -date.getTimezoneOffset()
  const local = new Date(date.getTime() + offset * 60_000)
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${local.toISOString().slice(0, 23)}${sign}${hh}:${mm}`
}
