import type { Database } from 'better-sqlite3'
import type { ErrorInfo, OfficeDecision, Resolution } from '../../src/domain/contract.ts'

/** Statuses the ledger stores: `applied` and `rejected` are final, `retry` is decided again on a resend. */
export type LedgerStatus = 'applied' | 'rejected' | 'retry'

/** One ledger entry, as stored. */
export interface LedgerRecord {
  id: string
  terminal_id: number
  type: string | null
  workorder_id: number | null
  device_seq: number | null
  employee_id: number | null
  /** Epoch ms, as the device's clock stated it. */
  occurred_at: number | null
  /** Epoch ms, corrected by the batch's clock skew: the time applied to the records. */
  occurred_at_server: number | null
  /** The wall-clock jump the device saw before this event (ms), flagged for a supervisor; null when none. */
  clock_jump_ms: number | null
  content_hash: string
  /** The event as received, JSON. */
  content: string
  status: LedgerStatus
  error: ErrorInfo | null
  correlation_id: string
  received_at: number
  applied_at: number | null
  /** A resent event: the id of the rejected event it replaces. */
  resend_of: string | null
}

/** How a rejected entry was resolved and what the office decided on it; null while nothing was. */
export interface LedgerResolutionState {
  resent_as: string | null
  resolution: Resolution | null
  resolution_reason: string | null
  /** The employee who resolved it on the tablet; null for an office decision. */
  resolved_by: number | null
  /** Epoch ms. */
  resolved_at: number | null
  decision: OfficeDecision['action'] | null
  /** The office user's name. */
  decided_by: string | null
  /** Epoch ms. */
  decided_at: number | null
  decision_note: string | null
}

/** A ledger entry as read: what was recorded with the decision, and its resolution since. */
export type LedgerEntryRow = LedgerRecord & LedgerResolutionState

/** A tablet's resolution of one of its rejected events. */
export type TabletResolution =
  | { resolution: 'resent'; resentAs: string; resolvedBy: number | null; at: number }
  | { resolution: 'discarded'; reason: string; resolvedBy: number | null; at: number }

type LedgerDbRow = Omit<LedgerEntryRow, 'error'> & { error: string | null }
type LedgerDbRecord = Omit<LedgerRecord, 'error'> & { error: string | null }

const COLUMNS = [
  'id',
  'terminal_id',
  'type',
  'workorder_id',
  'device_seq',
  'employee_id',
  'occurred_at',
  'occurred_at_server',
  'clock_jump_ms',
  'content_hash',
  'content',
  'status',
  'error',
  'correlation_id',
  'received_at',
  'applied_at',
  'resend_of',
] as const

function fromDb(row: LedgerDbRow): LedgerEntryRow {
  return { ...row, error: row.error === null ? null : (JSON.parse(row.error) as ErrorInfo) }
}

function toDb(record: LedgerRecord): LedgerDbRecord {
  return { ...record, error: record.error === null ? null : JSON.stringify(record.error) }
}

/** Only a rejected entry nobody resolved yet can be resolved: anything else stays as it is. */
const UNRESOLVED_REJECTED = `terminal_id = @terminal_id AND status = 'rejected' AND resolution IS NULL`

/**
 * The event ledger. The primary key on `id` is what makes an event apply once: a second insert of the same
 * id fails inside the transaction instead of posting twice. Statements are prepared once.
 */
export function createLedger(db: Database) {
  const get = db.prepare<[string], LedgerDbRow>('SELECT * FROM events WHERE id = ?')
  const insert = db.prepare<[LedgerDbRecord]>(
    `INSERT INTO events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})`,
  )
  const update = db.prepare<[LedgerDbRecord]>(
    `UPDATE events SET ${COLUMNS.filter((c) => c !== 'id')
      .map((c) => `${c} = @${c}`)
      .join(', ')} WHERE id = @id AND status = 'retry'`,
  )
  const all = db.prepare<[], LedgerDbRow>('SELECT * FROM events ORDER BY rowid')
  const resolve = db.prepare<[Record<string, unknown>]>(
    `UPDATE events SET resolution = @resolution, resent_as = @resent_as, resolution_reason = @reason,
       resolved_by = @resolved_by, resolved_at = @at WHERE id = @id AND ${UNRESOLVED_REJECTED}`,
  )
  const decide = db.prepare<[Record<string, unknown>]>(
    `UPDATE events SET decision = @decision, decided_by = @by, decided_at = @at, decision_note = @note,
       resolution = COALESCE(resolution, @resolution), resolved_at = COALESCE(resolved_at, @resolved_at)
     WHERE id = @id AND ${UNRESOLVED_REJECTED}`,
  )
  // The tablet has carried a decision out once it sent a resend or a discard naming the event, whatever became of it.
  const decisions = db.prepare<[number], LedgerDbRow>(
    `SELECT * FROM events d WHERE d.terminal_id = ? AND d.decision IS NOT NULL AND d.status = 'rejected'
       AND (d.resolution IS NULL OR d.resolution = 'resolved_in_odoo')
       AND NOT EXISTS (SELECT 1 FROM events r WHERE r.terminal_id = d.terminal_id AND r.resend_of = d.id)
       AND NOT EXISTS (SELECT 1 FROM events r WHERE r.terminal_id = d.terminal_id AND r.type = 'event.discard'
                         AND json_extract(r.content, '$.payload.event_id') = d.id)
     ORDER BY d.decided_at, d.rowid`,
  )

  return {
    get(id: string): LedgerEntryRow | undefined {
      const row = get.get(id)
      return row && fromDb(row)
    },
    /** Records a first decision on an event id. */
    insert(record: LedgerRecord): void {
      insert.run(toDb(record))
    },
    /** Records a new decision on an event whose earlier decision was `retry`. */
    redecide(record: LedgerRecord): void {
      update.run(toDb(record))
    },
    /** Every entry in the order received (tests and audits). */
    all(): LedgerEntryRow[] {
      return all.all().map(fromDb)
    },
    /**
     * Marks the terminal's rejected, unresolved entry `id` resolved by the tablet; anything else (unknown,
     * another terminal's, not rejected, already resolved) is left alone. Returns whether it changed.
     */
    resolve(id: string, terminalId: number, how: TabletResolution): boolean {
      return (
        resolve.run({
          id: id.toLowerCase(),
          terminal_id: terminalId,
          resolution: how.resolution,
          resent_as: how.resolution === 'resent' ? how.resentAs : null,
          reason: how.resolution === 'discarded' ? how.reason : null,
          resolved_by: how.resolvedBy,
          at: how.at,
        }).changes > 0
      )
    },
    /**
     * Records an office decision on the terminal's rejected, unresolved entry `id`: `resend` or `discard` for
     * the tablet to carry out, or `resolve` (Odoo's "Mark resolved"): resolved at once, delivered as a discard
     * so the tablet drops its dead letter too. Returns whether it changed.
     */
    decide(id: string, terminalId: number, action: OfficeDecision['action'] | 'resolve', by: string, note: string | null, at: number): boolean {
      const resolved = action === 'resolve'
      return (
        decide.run({
          id: id.toLowerCase(),
          terminal_id: terminalId,
          decision: resolved ? 'discard' : action,
          by,
          at,
          note,
          resolution: resolved ? 'resolved_in_odoo' : null,
          resolved_at: resolved ? at : null,
        }).changes > 0
      )
    },
    /** The terminal's office decisions the tablet has not carried out yet, oldest first. */
    decisions(terminalId: number): LedgerEntryRow[] {
      return decisions.all(terminalId).map(fromDb)
    },
  }
}

/** The ledger's interface. */
export type Ledger = ReturnType<typeof createLedger>
