import type { Database } from 'better-sqlite3'
import type { LossReason, Operator, Product, Reason } from '../../src/domain/contract.ts'
import { createCredentialCache, type CredentialCache, type EmployeeSecrets } from './credentials.ts'
import { productJson, type ProductRow } from './products.ts'

type OperatorRow = EmployeeSecrets & { name: string; can_release_holds: number; lang: string | null }

/** Reads what bootstrap sends besides work orders; statements are prepared once. */
export function createReferenceReader(db: Database, credentials: CredentialCache = createCredentialCache()) {
  const centers = 'SELECT value FROM json_each(?)'
  const operators = db.prepare<[string], OperatorRow>(
    `SELECT e.id, e.name, e.badge, e.pin, e.can_release_holds, e.lang FROM employees e
      WHERE e.id IN (SELECT employee_id FROM employee_work_centers WHERE work_center_id IN (${centers}))
      ORDER BY e.name, e.id`,
  )
  const scrapReasons = db.prepare<[], Reason>('SELECT id, name FROM scrap_reasons ORDER BY id')
  const holdReasons = db.prepare<[], Reason>('SELECT id, name FROM hold_reasons ORDER BY id')
  const lossReasons = db.prepare<[], LossReason>(
    'SELECT id, name, loss_type FROM loss_reasons WHERE manual = 1 ORDER BY id',
  )
  const products = db.prepare<[string, number], ProductRow>(
    `WITH open_wo AS (
       SELECT id, production_id FROM workorders
        WHERE work_center_id IN (${centers}) AND state != 'cancel' AND (state != 'done' OR date_finished >= ?))
     SELECT p.* FROM products p
      WHERE p.id IN (SELECT m.product_id FROM productions m WHERE m.id IN (SELECT production_id FROM open_wo))
         OR p.id IN (SELECT c.product_id FROM workorder_components c WHERE c.workorder_id IN (SELECT id FROM open_wo))
      ORDER BY p.id`,
  )
  const operatorAllowed = db.prepare<[number, string], { id: number }>(
    `SELECT employee_id AS id FROM employee_work_centers WHERE employee_id = ? AND work_center_id IN (${centers}) LIMIT 1`,
  )
  const operatorById = db.prepare<[number], { id: number; can_release_holds: number }>(
    'SELECT id, can_release_holds FROM employees WHERE id = ?',
  )

  return {
    /**
     * Employees allowed on any of these work centers, with only what sign-in needs: their badge and
     * PIN as hashes salted with the terminal's `salt`, never in clear.
     */
    operators(workCenterIds: readonly number[], salt: string): Operator[] {
      return operators.all(JSON.stringify(workCenterIds)).map((row) => ({
        id: row.id,
        name: row.name,
        ...credentials.hashes(salt, row),
        can_release_holds: row.can_release_holds === 1,
        lang: row.lang,
      }))
    },
    scrapReasons: (): Reason[] => scrapReasons.all(),
    holdReasons: (): Reason[] => holdReasons.all(),
    /** Losses an operator may pick (Odoo's manual ones). */
    lossReasons: (): LossReason[] => lossReasons.all(),
    /** Products of the open work orders of these work centers and their components. */
    products(workCenterIds: readonly number[], visibleSince: number): Product[] {
      return products.all(JSON.stringify(workCenterIds), visibleSince).map(productJson)
    },
    /** The operator if it exists and may work on one of these work centers. */
    operatorOn(employeeId: number, workCenterIds: readonly number[]): { canReleaseHolds: boolean } | undefined {
      const row = operatorById.get(employeeId)
      if (!row || !operatorAllowed.get(employeeId, JSON.stringify(workCenterIds))) return undefined
      return { canReleaseHolds: row.can_release_holds === 1 }
    },
  }
}

/** The reader's interface. */
export type ReferenceReader = ReturnType<typeof createReferenceReader>
