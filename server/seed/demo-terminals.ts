import type { Database } from 'better-sqlite3'
import type { TerminalRepository } from '../db/terminals.ts'
import { generatePairingCode, isPairingCode, normalizePairingCode } from '../pairing/codes.ts'
import { WORK_CENTERS } from './catalog.ts'

/** How long a code from "Pair a device" stays valid. */
export const PAIRING_CODE_LIFETIME_MS = 15 * 60_000

/** Thrown when SHOPFLOOR_DEMO_PAIRING_CODE is not a usable pairing code. */
export class InvalidDemoPairingCodeError extends Error {
  override name = 'InvalidDemoPairingCodeError'
  constructor(code: string) {
    super(
      `SHOPFLOOR_DEMO_PAIRING_CODE "${code}" is not a pairing code: use 8 characters from ` +
        'ABCDEFGHJKMNPQRSTUVWXYZ23456789 (dashes and spaces are ignored), or leave it unset for a random one.',
    )
  }
}

/** Thrown when a demo terminal is asked for on a work center the demo plant does not have. */
export class UnknownWorkCenterError extends Error {
  override name = 'UnknownWorkCenterError'
  constructor(readonly workCenterCode: string) {
    super(`The demo plant has no work center "${workCenterCode}": use one of its codes (GET /bootstrap lists them).`)
  }
}

/** The demo catalog's work centers: isolated cells (seed/isolated-cells.ts) are left out. */
function catalogWorkCenterIds(db: Database): number[] {
  return db
    .prepare<[string], { id: number }>('SELECT id FROM work_centers WHERE code IN (SELECT value FROM json_each(?)) ORDER BY id')
    .all(JSON.stringify(WORK_CENTERS.map((center) => center.code)))
    .map((row) => row.id)
}

function workCenterId(db: Database, code: string): number {
  const row = db.prepare<[string], { id: number }>('SELECT id FROM work_centers WHERE code = ?').get(code)
  if (!row) throw new UnknownWorkCenterError(code)
  return row.id
}

/**
 * Creates a demo terminal bound to every work center of the demo catalog, as a supervisor pressing "Pair a
 * device" would, or to the one work center `workCenterCode` names (a catalog one or an isolated cell), and
 * returns its one-time code. `expiresAt` null keeps the code until used.
 */
export function createDemoTerminal(
  db: Database,
  terminals: TerminalRepository,
  options: { code?: string; expiresAt: number | null; nowMs: number; workCenterCode?: string },
): { terminalId: number; code: string } {
  const code = options.code ?? generatePairingCode()
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM terminals').get()?.n ?? 0
  const terminalId = terminals.create({
    name: `Demo terminal ${count + 1}`,
    workCenterIds: options.workCenterCode === undefined ? catalogWorkCenterIds(db) : [workCenterId(db, options.workCenterCode)],
    pairingCode: code,
    pairingExpiresAt: options.expiresAt,
    isDemo: true,
    nowMs: options.nowMs,
  })
  return { terminalId, code }
}

/**
 * The demo's start-up pairing code, on a demo terminal that waits for it until used: the configured one, or
 * else the one an earlier run printed if still unused, or else a new random one. Restarts reuse what waits,
 * so they neither pile up terminals nor change the code under a person's eyes.
 */
export function ensureDemoPairingCode(
  db: Database,
  terminals: TerminalRepository,
  configured: string | undefined,
  nowMs: number,
): string {
  if (configured !== undefined) {
    if (!isPairingCode(configured)) throw new InvalidDemoPairingCodeError(configured)
    const code = normalizePairingCode(configured)
    if (!terminals.codeIsPending(code, nowMs)) createDemoTerminal(db, terminals, { code, expiresAt: null, nowMs })
    return code
  }
  return terminals.standingDemoCode() ?? createDemoTerminal(db, terminals, { expiresAt: null, nowMs }).code
}
