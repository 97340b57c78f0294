/**
 * The delta-sync cursor: opaque to terminals, a position in the (change_seq, id) order of work orders
 * to the server. It names the database and terminal it was made for, so a cursor from a wiped database or
 * another terminal is refused (410) instead of silently skipping changes.
 */
export interface Cursor {
  /** Instance id of the database that issued it. */
  db: string
  terminalId: number
  /** Work orders after (seq, id) have not been sent yet. */
  seq: number
  id: number
  /** When it was issued, epoch ms: ages the cursor and finds work orders that aged out of the 24 h window since. */
  issuedAt: number
  /** True while a full sync is still paging: `removed` stays empty until it ends. */
  full: boolean
}

const FORMAT = 1

/** Encodes a cursor as base64url text. */
export function encodeCursor(cursor: Cursor): string {
  const fields = [FORMAT, cursor.db, cursor.terminalId, cursor.seq, cursor.id, cursor.issuedAt, cursor.full ? 1 : 0]
  return Buffer.from(JSON.stringify(fields)).toString('base64url')
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0

/** Decodes a cursor made by {@link encodeCursor}; null for anything else (the caller answers 410). */
export function decodeCursor(text: string): Cursor | null {
  let fields: unknown
  try {
    fields = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (!Array.isArray(fields) || fields.length !== 7 || fields[0] !== FORMAT) return null
  const [, db, terminalId, seq, id, issuedAt, full] = fields as unknown[]
  if (typeof db !== 'string' || !isCount(terminalId) || !isCount(seq) || !isCount(id) || !isCount(issuedAt)) return null
  if (full !== 0 && full !== 1) return null
  return { db, terminalId, seq, id, issuedAt, full: full === 1 }
}
