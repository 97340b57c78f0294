import type { ApiClient } from '../api/client'
import type { ShopfloorDb } from '../db/schema'
import type { OutboxRow } from '../db/rows'
import type { EventResult, LedgerEntry } from '../domain/contract'
import { settleResults } from './settle'

/** How a device's belief about one event differs from the server's ledger. */
export type DifferenceKind =
  /** The device thinks it applied; the server never received it. */
  | 'missing_on_server'
  /** The device thinks it applied; the server rejected it. */
  | 'rejected_on_server'
  /** The device thinks it applied; the server's ledger says it must be retried. */
  | 'unsettled_on_server'
  /** The device dead-lettered it; the server applied it. */
  | 'applied_on_server'

export interface Difference {
  eventId: string
  workorderId: number
  kind: DifferenceKind
  local: OutboxRow['status']
  server: LedgerEntry['status'] | null
}

/** The outcome of a reconciliation run. */
export interface ReconcileReport {
  checked: number
  matched: number
  /** Sent events whose answer was lost, settled now from the server's ledger. */
  settled: number
  differences: Difference[]
}

/** At most this many of the latest events are checked per run. */
export const RECONCILE_LIMIT = 200

/**
 * Compares what this device believes about its latest events (applied, dead, or sent without an
 * answer) with the server's ledger (`GET /events/<id>`), one request at a time. Sent events whose
 * answer was lost are settled from the ledger; everything else that disagrees is reported.
 */
export async function reconcileWithServer(
  db: ShopfloorDb,
  client: ApiClient,
  limit = RECONCILE_LIMIT,
  now: () => number = Date.now,
): Promise<ReconcileReport> {
  const rows = (await db.outbox.reverse().limit(limit * 2).toArray())
    .filter((r) => r.status === 'done' || r.status === 'dead' || (r.status === 'pending' && r.attempts > 0))
    .slice(0, limit)
  const report: ReconcileReport = { checked: 0, matched: 0, settled: 0, differences: [] }
  for (const row of rows.reverse()) {
    const entry = await client.getEvent(row.id)
    report.checked++
    const verdict = compare(row, entry)
    const result = verdict === 'settle' && entry ? resultFromLedger(entry) : null
    if (result) {
      await settleResults(db, [row], [result], now())
      report.settled++
    } else if (verdict === 'match' || verdict === 'settle') {
      report.matched++
    } else {
      report.differences.push({ eventId: row.id, workorderId: row.workorderId, kind: verdict, local: row.status, server: entry?.status ?? null })
    }
  }
  return report
}

function compare(row: OutboxRow, entry: LedgerEntry | null): DifferenceKind | 'match' | 'settle' {
  switch (row.status) {
    case 'done':
      if (!entry) return 'missing_on_server'
      if (entry.status === 'rejected') return 'rejected_on_server'
      if (entry.status === 'retry') return 'unsettled_on_server'
      return 'match'
    case 'dead':
      // A conflict's ledger entry is the original event with other content; nothing to compare.
      return row.result === 'rejected' && entry?.status === 'applied' ? 'applied_on_server' : 'match'
    case 'pending':
      return entry && entry.status !== 'retry' ? 'settle' : 'match'
    case 'resolved':
      return 'match'
    default:
      throw new Error(`Unhandled outbox status ${JSON.stringify(row.status)}`)
  }
}

function resultFromLedger(entry: LedgerEntry): EventResult | null {
  if (entry.status === 'applied') return entry.workorder ? { id: entry.id, status: 'duplicate', workorder: entry.workorder } : null
  if (entry.status === 'rejected' && entry.error) return { id: entry.id, status: 'rejected', error: entry.error }
  return null
}
