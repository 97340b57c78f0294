import type { Database } from 'better-sqlite3'

/** Marks work orders as changed, so delta sync sends them again and their `version` moves on. */
export interface ChangeTracker {
  /** The counter's current value: every work order changed so far has a `change_seq` at or below it. */
  current(): number
  /** Marks these work orders changed. */
  touchWorkOrders(ids: readonly number[]): void
  /** Marks every work order of a work center changed (its downtime shows on all of them). */
  touchWorkCenter(workCenterId: number): void
  /** Marks every work order of a manufacturing order changed (its state shows on all of them). */
  touchProduction(productionId: number): void
  /** Marks the work orders that show holds of this lot: those of the MOs producing it and those a hold on it came from. */
  touchLot(lotId: number): void
}

/** Creates the change tracker of a database; statements are prepared once. */
export function createChangeTracker(db: Database): ChangeTracker {
  const next = db.prepare<[], { value: number }>(
    'UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value',
  )
  const current = db.prepare<[], { value: number }>('SELECT value FROM change_counter WHERE id = 1')
  const touchIds = db.prepare<[number, string]>(
    'UPDATE workorders SET change_seq = ? WHERE id IN (SELECT value FROM json_each(?))',
  )
  const touchCenter = db.prepare<[number, number]>('UPDATE workorders SET change_seq = ? WHERE work_center_id = ?')
  const touchProduction = db.prepare<[number, number]>('UPDATE workorders SET change_seq = ? WHERE production_id = ?')
  const touchLot = db.prepare<[number, number, number]>(
    `UPDATE workorders SET change_seq = ?
      WHERE production_id IN (SELECT production_id FROM production_lots WHERE lot_id = ?)
         OR id IN (SELECT origin_workorder_id FROM holds WHERE lot_id = ?)`,
  )
  const nextValue = (): number => (next.get() as { value: number }).value

  return {
    current: () => (current.get() as { value: number }).value,
    touchWorkOrders(ids) {
      if (ids.length > 0) touchIds.run(nextValue(), JSON.stringify(ids))
    },
    touchWorkCenter(workCenterId) {
      touchCenter.run(nextValue(), workCenterId)
    },
    touchProduction(productionId) {
      touchProduction.run(nextValue(), productionId)
    },
    touchLot(lotId) {
      touchLot.run(nextValue(), lotId, lotId)
    },
  }
}
