import { createHash } from 'node:crypto'

/** JSON with object keys sorted at every level and no spaces: equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * The content hash the ledger keeps per event id: sha256 hex of the canonical JSON of what the event says.
 * `id` is the key itself and `correlation_id` is transport metadata, so neither is part of it; a missing
 * field counts as null.
 */
export function eventContentHash(event: Record<string, unknown>): string {
  const content = {
    type: event.type ?? null,
    workorder_id: event.workorder_id ?? null,
    occurred_at: event.occurred_at ?? null,
    device_seq: event.device_seq ?? null,
    employee_id: event.employee_id ?? null,
    payload: event.payload ?? null,
  }
  return createHash('sha256').update(canonicalJson(content)).digest('hex')
}
