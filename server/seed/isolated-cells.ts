import type { Database } from 'better-sqlite3'
import { DAY_MS } from '../db/time.ts'
import { WORK_CENTERS } from './catalog.ts'

/**
 * Isolated cells: work centers of their own, outside the demo catalog, each with its own operator, product and
 * ready work orders. "Pair a device" on the demo plant binds the catalog's work centers only
 * (seed/demo-terminals.ts), so no other terminal sees a cell, and a test that stops a cell's line or leaves its
 * operator working there changes nothing another test relies on.
 */

/** Ready work orders each cell gets (one manufacturing order of one operation each). */
export const CELL_WORKORDERS = 3
/** Planned quantity of each of a cell's manufacturing orders. */
const CELL_QTY = 10
/** Expected duration of a cell's operation, in minutes. */
const CELL_MINUTES = 30

/** What a cell's code must look like: it becomes a work center code, a product code and part of a badge. */
const CELL_CODE = /^[A-Z0-9][A-Z0-9-]{0,15}$/

/** Thrown when a cell code cannot name an isolated work center. */
export class InvalidCellCodeError extends Error {
  override name = 'InvalidCellCodeError'
  constructor(code: string) {
    super(
      `"${code}" cannot name an isolated cell: use 1-16 capital letters, digits and dashes, ` +
        `not one of the demo catalog's work centers (${WORK_CENTERS.map((c) => c.code).join(', ')}).`,
    )
  }
}

/** Whether `code` may name an isolated cell. */
export function isCellCode(code: string): boolean {
  return CELL_CODE.test(code) && !WORK_CENTERS.some((center) => center.code === code)
}

/** What a cell's seeded names are, so a test can find them without reading the database. */
export function cellNames(code: string): { workCenter: string; operator: string; badge: string } {
  return { workCenter: `Cell ${code}`, operator: `Cell ${code} operator`, badge: `BADGE-${code}` }
}

/**
 * Seeds one isolated cell: its work center, an English-speaking operator allowed there only, the plant's
 * supervisors allowed there too (the tablet's supervisor gate only knows the terminal's operators), an
 * untracked product without components, and {@link CELL_WORKORDERS} ready work orders. Returns the last
 * change sequence it used, counting on from `changeSeq`.
 */
export function seedIsolatedCell(db: Database, code: string, { nowMs, changeSeq }: { nowMs: number; changeSeq: number }): number {
  if (!isCellCode(code)) throw new InvalidCellCodeError(code)
  const names = cellNames(code)
  const centerId = Number(db.prepare('INSERT INTO work_centers (name, code) VALUES (?, ?)').run(names.workCenter, code).lastInsertRowid)

  const operatorId = Number(
    db.prepare(`INSERT INTO employees (name, badge, pin, can_release_holds, lang) VALUES (?, ?, NULL, 0, 'en')`).run(names.operator, names.badge)
      .lastInsertRowid,
  )
  db.prepare('INSERT INTO employee_work_centers (employee_id, work_center_id) VALUES (?, ?)').run(operatorId, centerId)
  db.prepare('INSERT INTO employee_work_centers (employee_id, work_center_id) SELECT id, ? FROM employees WHERE can_release_holds = 1').run(centerId)

  const productId = Number(
    db.prepare(`INSERT INTO products (default_code, name, barcode, tracking, uom) VALUES (?, ?, NULL, 'none', 'Units')`).run(code, `Cell ${code} part`)
      .lastInsertRowid,
  )
  const insertMo = db.prepare(
    `INSERT INTO productions (name, product_id, product_qty, date_deadline, priority, state, consumption)
     VALUES (?, ?, ?, ?, '0', 'confirmed', 'flexible')`,
  )
  const insertWo = db.prepare(
    `INSERT INTO workorders (production_id, name, sequence, work_center_id, state, duration_expected, change_seq)
     VALUES (?, 'Operation', 10, ?, 'ready', ?, ?)`,
  )
  let seq = changeSeq
  for (let n = 1; n <= CELL_WORKORDERS; n++) {
    const productionId = Number(insertMo.run(`WH/MO/${code}/${n}`, productId, CELL_QTY, nowMs + n * DAY_MS).lastInsertRowid)
    seq += 1
    insertWo.run(productionId, centerId, CELL_MINUTES, seq)
  }
  return seq
}
