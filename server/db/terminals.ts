import type { Database } from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import type { TerminalSettings } from '../../src/domain/contract.ts'

/** A terminal as the request handlers see it once its token checked out. */
export interface Terminal {
  id: number
  name: string
  active: boolean
  workCenterIds: number[]
  settings: TerminalSettings
  /** The random salt of this terminal's badge and PIN hashes. */
  credentialSalt: string
}

interface TerminalRow {
  id: number
  name: string
  active: number
  require_operator: number
  allow_operator_list: number
  allow_lot_creation: number
  allow_production_close: number
  require_pin: number
  overproduction_tolerance: number
  credential_salt: string
}

/** Fields of a new terminal. */
export interface NewTerminal {
  name: string
  workCenterIds: readonly number[]
  pairingCode: string
  /** Epoch ms after which the code no longer pairs; null keeps it until used. */
  pairingExpiresAt: number | null
  isDemo: boolean
  nowMs: number
}

/** Terminals, their pairing codes and token hashes; statements are prepared once. */
export function createTerminalRepository(db: Database) {
  const insert = db.prepare<[string, number, string, number | null, number, string]>(
    `INSERT INTO terminals (name, is_demo, pairing_code, pairing_expires_at, created_at, credential_salt) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const bind = db.prepare<[number, number]>(
    'INSERT OR IGNORE INTO terminal_work_centers (terminal_id, work_center_id) VALUES (?, ?)',
  )
  const byCode = db.prepare<[string, number], { id: number }>(
    `SELECT id FROM terminals
      WHERE pairing_code = ? AND active = 1 AND (pairing_expires_at IS NULL OR pairing_expires_at > ?)`,
  )
  const setCode = db.prepare<[string, number | null, number]>(
    'UPDATE terminals SET pairing_code = ?, pairing_expires_at = ? WHERE id = ?',
  )
  const completePairing = db.prepare<[string, string, string, number, number, number]>(
    `UPDATE terminals SET token_hash = ?, name = ?, client_version = ?, paired_at = ?, last_seen_at = ?,
            pairing_code = NULL, pairing_expires_at = NULL
      WHERE id = ?`,
  )
  const byTokenHash = db.prepare<[string], { id: number; active: number; token_hash: string; paired_at: number | null }>(
    'SELECT id, active, token_hash, paired_at FROM terminals WHERE token_hash = ?',
  )
  const rotate = db.prepare<[string, number | null, number]>(
    'UPDATE terminals SET token_hash = NULL, pairing_code = ?, pairing_expires_at = ? WHERE id = ?',
  )
  const byId = db.prepare<[number], TerminalRow>('SELECT * FROM terminals WHERE id = ?')
  const centers = db.prepare<[number], { work_center_id: number }>(
    'SELECT work_center_id FROM terminal_work_centers WHERE terminal_id = ? ORDER BY work_center_id',
  )
  const touch = db.prepare<[number, string | null, number, number]>(
    'UPDATE terminals SET last_seen_at = ?, client_version = COALESCE(?, client_version) WHERE id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)',
  )
  const deactivate = db.prepare<[number]>('UPDATE terminals SET active = 0 WHERE id = ?')
  const standingDemoCode = db.prepare<[], { pairing_code: string }>(
    `SELECT pairing_code FROM terminals
      WHERE is_demo = 1 AND active = 1 AND pairing_code IS NOT NULL AND pairing_expires_at IS NULL
      ORDER BY id LIMIT 1`,
  )
  const unusedCode = db.prepare<[string, number], { id: number }>(
    `SELECT id FROM terminals WHERE pairing_code = ? AND active = 1 AND (pairing_expires_at IS NULL OR pairing_expires_at > ?)`,
  )

  return {
    /** Creates a terminal bound to these work centers, waiting to be paired with its code. */
    create: db.transaction((terminal: NewTerminal): number => {
      const id = Number(
        insert.run(
          terminal.name,
          terminal.isDemo ? 1 : 0,
          terminal.pairingCode,
          terminal.pairingExpiresAt,
          terminal.nowMs,
          randomBytes(16).toString('hex'),
        ).lastInsertRowid,
      )
      for (const centerId of terminal.workCenterIds) bind.run(id, centerId)
      return id
    }),
    /** Gives a terminal a new one-time pairing code (a supervisor pressing "Pair a device" again). */
    issuePairingCode(terminalId: number, code: string, expiresAt: number | null): void {
      setCode.run(code, expiresAt, terminalId)
    },
    /** True when some active terminal holds this code and it has not expired. */
    codeIsPending(code: string, nowMs: number): boolean {
      return unusedCode.get(code, nowMs) !== undefined
    },
    /** A demo terminal's code that waits until used (the start-up code of an earlier run), if any. */
    standingDemoCode(): string | undefined {
      return standingDemoCode.get()?.pairing_code
    },
    /** The terminal a valid, unexpired code pairs, if any. */
    findByPairingCode(code: string, nowMs: number): number | undefined {
      return byCode.get(code, nowMs)?.id
    },
    /** Stores the new token's hash and uses the code up; any older token of the terminal stops working. */
    completePairing(id: number, tokenHash: string, deviceName: string, clientVersion: string, nowMs: number): void {
      completePairing.run(tokenHash, deviceName, clientVersion, nowMs, nowMs, id)
    },
    /** The terminal holding this token hash (active or revoked), with when the token was issued (epoch ms). */
    findByTokenHash(tokenHash: string): { id: number; active: boolean; tokenHash: string; pairedAt: number | null } | undefined {
      const row = byTokenHash.get(tokenHash)
      return row && { id: row.id, active: row.active === 1, tokenHash: row.token_hash, pairedAt: row.paired_at }
    },
    /**
     * Odoo's *Rotate token*: the terminal's token stops at once (401 token_invalid) and `code` pairs the device
     * again; the terminal keeps its work centers and settings.
     */
    rotateToken(id: number, code: string, expiresAt: number | null): void {
      rotate.run(code, expiresAt, id)
    },
    /** A terminal with its work centers and settings. */
    get(id: number): Terminal | undefined {
      const row = byId.get(id)
      if (!row) return undefined
      return {
        id: row.id,
        name: row.name,
        active: row.active === 1,
        workCenterIds: centers.all(id).map((c) => c.work_center_id),
        settings: {
          require_operator: row.require_operator === 1,
          allow_operator_list: row.allow_operator_list === 1,
          allow_lot_creation: row.allow_lot_creation === 1,
          allow_production_close: row.allow_production_close === 1,
          require_pin: row.require_pin === 1,
          overproduction_tolerance: row.overproduction_tolerance,
        },
        credentialSalt: row.credential_salt,
      }
    },
    /** Records that the terminal was seen; writes at most once per `throttleMs` to keep reads cheap. */
    touch(id: number, nowMs: number, clientVersion: string | null, throttleMs: number): void {
      touch.run(nowMs, clientVersion, id, nowMs - throttleMs)
    },
    /** Revokes a terminal: its token answers 401 token_revoked from the next request on. */
    revoke(id: number): void {
      deactivate.run(id)
    },
  }
}

/** The repository's interface. */
export type TerminalRepository = ReturnType<typeof createTerminalRepository>
