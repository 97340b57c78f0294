import type { Database } from 'better-sqlite3'
import type { Hold } from '../../src/domain/contract.ts'

interface HoldRow {
  id: number
  lot_id: number | null
  lot_name: string | null
  workorder_id: number | null
  origin_workorder_id: number | null
  reason: string
  state: 'held' | 'released'
  note: string | null
}

/** Active holds indexed the two ways work orders and lots show them. */
export interface ActiveHolds {
  /** Holds put on a work order, or put on a lot from that work order. */
  byWorkOrder: Map<number, Hold[]>
  byLot: Map<number, Hold[]>
}

const HOLD_COLUMNS = `h.id, h.lot_id, l.name AS lot_name, h.workorder_id, h.origin_workorder_id, r.name AS reason, h.state, h.note
  FROM holds h JOIN hold_reasons r ON r.id = h.reason_id LEFT JOIN lots l ON l.id = h.lot_id`

function holdJson(row: HoldRow): Hold {
  return {
    id: row.id,
    lot_name: row.lot_name,
    workorder_id: row.workorder_id,
    reason: row.reason,
    state: row.state,
    note: row.note,
  }
}

function push<K>(map: Map<K, Hold[]>, key: K, hold: Hold): void {
  const list = map.get(key)
  if (list) list.push(hold)
  else map.set(key, [hold])
}

/** Reads holds; statements are prepared once. */
export function createHoldReader(db: Database) {
  const active = db.prepare<[], HoldRow>(`SELECT ${HOLD_COLUMNS} WHERE h.state = 'held' ORDER BY h.id`)
  const byId = db.prepare<[number], HoldRow>(`SELECT ${HOLD_COLUMNS} WHERE h.id = ?`)
  // The work orders a hold belongs to: the held one, the one it was reported at, and those producing its lot
  // (the demo plant does not record which component lots a work order consumed; Odoo checks those too).
  const withinWorkCenters = db.prepare<[number, string], { found: number }>(
    `SELECT 1 AS found FROM holds h
      WHERE h.id = ? AND EXISTS (
        SELECT 1 FROM workorders w
         WHERE w.work_center_id IN (SELECT value FROM json_each(?))
           AND (w.id IN (h.workorder_id, h.origin_workorder_id)
                OR w.production_id IN (SELECT production_id FROM production_lots WHERE lot_id = h.lot_id)))`,
  )
  return {
    /** Every held hold: few in any plant, so one query serves a whole page of work orders. */
    active(): ActiveHolds {
      const result: ActiveHolds = { byWorkOrder: new Map(), byLot: new Map() }
      for (const row of active.all()) {
        const hold = holdJson(row)
        const workOrderId = row.workorder_id ?? row.origin_workorder_id
        if (workOrderId !== null) push(result.byWorkOrder, workOrderId, hold)
        if (row.lot_id !== null) push(result.byLot, row.lot_id, hold)
      }
      return result
    },
    /**
     * True when the hold is on a work order of these work centers, was reported at one, or holds a lot one of
     * them produces: what a terminal of those work centers may release.
     */
    isWithinWorkCenters(id: number, workCenterIds: readonly number[]): boolean {
      return withinWorkCenters.get(id, JSON.stringify(workCenterIds)) !== undefined
    },
    /** One hold with the ids its effects depend on, or undefined. */
    get(id: number): (Hold & { lot_id: number | null; origin_workorder_id: number | null }) | undefined {
      const row = byId.get(id)
      return row && { ...holdJson(row), lot_id: row.lot_id, origin_workorder_id: row.origin_workorder_id }
    },
  }
}
