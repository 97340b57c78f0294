import type { Database } from 'better-sqlite3'
import type { ErrorInfo } from '../../src/domain/contract.ts'

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
}

type LedgerDbRow = Omit<LedgerRecord, 'error'> & { error: string | null }

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
] as const

function fromDb(row: LedgerDbRow): LedgerRecord {
  return { ...row, error: row.error === null ? null : (JSON.parse(row.error) as ErrorInfo) }
}

function toDb(record: LedgerRecord): LedgerDbRow {
  return { ...record, error: record.error === null ? null : JSON.stringify(record.error) }
}

/**
 * The event ledger. The primary key on `id` is what makes an event apply once: a second insert of the same
 * id fails inside the transaction instead of posting twice. Statements are prepared once.
 */
export function createLedger(db: Database) {
  const get = db.prepare<[string], LedgerDbRow>('SELECT * FROM events WHERE id = ?')
  const insert = db.prepare<[LedgerDbRow]>(
    `INSERT INTO events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})`,
  )
  const update = db.prepare<[LedgerDbRow]>(
    `UPDATE events SET ${COLUMNS.filter((c) => c !== 'id')
      .map((c) => `${c} = @${c}`)
      .join(', ')} WHERE id = @id AND status = 'retry'`,
  )
  const all = db.prepare<[], LedgerDbRow>('SELECT * FROM events ORDER BY rowid')

  return {
    get(id: string): LedgerRecord | undefined {
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
    all(): LedgerRecord[] {
      return all.all().map(fromDb)
    },
  }
}

/** The ledger's interface. */
export type Ledger = ReturnType<typeof createLedger>
