import type { Database } from 'better-sqlite3'
import type { ConsumptionRule, Tracking } from '../../src/domain/contract.ts'

/** One component line (Odoo: the MO's raw move for an operation), what the appliers decide on. */
export interface ComponentRecord {
  id: number
  workorder_id: number
  production_id: number
  product_id: number
  product_name: string
  tracking: Tracking
  qty_required: number
  qty_consumed: number
  consumption: ConsumptionRule
}

/** Odoo's production's raw fields that closing needs. */
export interface ProductionRecord {
  id: number
  name: string
  product_qty: number
  state: string
  consumption: ConsumptionRule
  tracking: Tracking
}

/** An event applied with a warning (Odoo: the ledger's flag and the activity of the MO's responsible). */
export interface EventFlag {
  event_id: string
  production_id: number
  summary: string
  note: string
}

/** A component line with its order's consumption rule, as {@link ComponentRecord}. */
const COMPONENT_SELECT = `
  SELECT c.id, c.workorder_id, w.production_id, c.product_id, p.name AS product_name, p.tracking,
         c.qty_required, c.qty_consumed, m.consumption
    FROM workorder_components c
    JOIN workorders w ON w.id = c.workorder_id
    JOIN productions m ON m.id = w.production_id
    JOIN products p ON p.id = c.product_id`

/**
 * Component consumption and closing of manufacturing orders in the demo plant: the lots consumed per
 * component line (Odoo's picked move lines), the warnings recorded for a person to look at, and the
 * backorder a close may leave. Statements are prepared once; callers run them inside the event's savepoint.
 */
export function createComponentWriter(db: Database) {
  const component = db.prepare<[number], ComponentRecord>(
    `${COMPONENT_SELECT} WHERE c.id = ?`,
  )
  const lotQty = db.prepare<[number, number], { qty: number }>(
    'SELECT qty FROM component_lots WHERE component_id = ? AND lot_id = ?',
  )
  const addLot = db.prepare<[number, number, number]>(
    `INSERT INTO component_lots (component_id, lot_id, qty) VALUES (?, ?, ?)
     ON CONFLICT (component_id, lot_id) DO UPDATE SET qty = qty + excluded.qty`,
  )
  const dropEmptyLots = db.prepare<[number]>('DELETE FROM component_lots WHERE component_id = ? AND qty <= 1e-9')
  const addConsumed = db.prepare<[number, number]>(
    'UPDATE workorder_components SET qty_consumed = MAX(qty_consumed + ?, 0), manual = 1 WHERE id = ?',
  )
  const insertFlag = db.prepare<[string, number, string, string, number]>(
    'INSERT OR REPLACE INTO event_flags (event_id, production_id, summary, note, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const flags = db.prepare<[], EventFlag>(
    'SELECT event_id, production_id, summary, note FROM event_flags ORDER BY created_at, event_id',
  )
  const production = db.prepare<[number], ProductionRecord>(
    `SELECT m.id, m.name, m.product_qty, m.state, m.consumption, p.tracking
       FROM productions m JOIN products p ON p.id = m.product_id WHERE m.id = ?`,
  )
  const operations = db.prepare<[number], { id: number; state: string; qty_produced: number }>(
    'SELECT id, state, qty_produced FROM workorders WHERE production_id = ? ORDER BY sequence, id',
  )
  const productionComponents = db.prepare<[number], ComponentRecord>(
    `${COMPONENT_SELECT} WHERE w.production_id = ? ORDER BY c.id`,
  )
  const closeOperations = db.prepare<[number, number, number]>(
    `UPDATE workorders SET state = 'done', date_start = COALESCE(date_start, ?), date_finished = COALESCE(date_finished, ?)
      WHERE production_id = ? AND state NOT IN ('done', 'cancel')`,
  )
  const closeTimers = db.prepare<[number, number]>(
    `UPDATE time_lines SET date_end = MAX(date_start, ?)
      WHERE date_end IS NULL AND loss_type = 'productive'
        AND workorder_id IN (SELECT id FROM workorders WHERE production_id = ?)`,
  )
  const setDone = db.prepare<[number]>("UPDATE productions SET state = 'done' WHERE id = ?")
  const setQty = db.prepare<[number, number]>('UPDATE productions SET product_qty = ? WHERE id = ?')
  const backorderCount = db.prepare<[number], { n: number }>(
    'SELECT COUNT(*) AS n FROM productions WHERE backorder_of = ?',
  )
  const insertBackorder = db.prepare<[string, number, number]>(
    `INSERT INTO productions (name, product_id, product_qty, date_deadline, priority, state, consumption, backorder_of)
     SELECT ?, product_id, ?, date_deadline, priority, 'confirmed', consumption, id FROM productions WHERE id = ?`,
  )
  const copyOperations = db.prepare<[number, number, number]>(
    `INSERT INTO workorders (production_id, name, sequence, work_center_id, state, duration_expected, note, change_seq)
     SELECT ?, name, sequence, work_center_id,
            CASE WHEN sequence = (SELECT MIN(sequence) FROM workorders WHERE production_id = ?) THEN 'ready' ELSE 'blocked' END,
            duration_expected, note, 0
       FROM workorders WHERE production_id = ? AND state != 'cancel' ORDER BY sequence, id`,
  )
  const copyComponents = db.prepare<[number, number, number]>(
    `INSERT INTO workorder_components (workorder_id, product_id, qty_required, qty_available, expected_date)
     SELECT nw.id, c.product_id, ROUND(c.qty_required * ?, 2), c.qty_available, c.expected_date
       FROM workorder_components c
       JOIN workorders ow ON ow.id = c.workorder_id
       JOIN workorders nw ON nw.production_id = ? AND nw.sequence = ow.sequence AND nw.name = ow.name
      WHERE ow.production_id = ?`,
  )

  return {
    component: (id: number): ComponentRecord | undefined => component.get(id),
    /** What was recorded of this lot on this component line. */
    lotQty: (componentId: number, lotId: number): number => lotQty.get(componentId, lotId)?.qty ?? 0,
    /**
     * Records `qty` consumed (negative: given back) on a component line, of a lot when tracked; the line
     * is then consumed as recorded, no longer in proportion to what is produced (Odoo's manual_consumption).
     */
    consume(componentId: number, lotId: number | null, qty: number): void {
      addConsumed.run(qty, componentId)
      if (lotId === null) return
      addLot.run(componentId, lotId, qty)
      dropEmptyLots.run(componentId)
    },
    /** Records an event applied with a warning, for the MO's responsible. */
    flag(eventId: string, productionId: number, summary: string, note: string, at: number): void {
      insertFlag.run(eventId, productionId, summary, note, at)
    },
    /** Every event applied with a warning, oldest first. */
    flags: (): EventFlag[] => flags.all(),
    production: (id: number): ProductionRecord | undefined => production.get(id),
    operations: (productionId: number) => operations.all(productionId),
    components: (productionId: number): ComponentRecord[] => productionComponents.all(productionId),
    /** Odoo's button_mark_done: every operation done, timers closed, the order done. */
    close(productionId: number, at: number): void {
      closeTimers.run(at, productionId)
      closeOperations.run(at, at, productionId)
      setDone.run(productionId)
    },
    /**
     * Splits off a backorder for what is left to make, as Odoo's `_split_productions`: the order keeps what
     * was produced, and a new order (`…-001`) with the same operations and components in proportion gets
     * the rest. Returns the new order's id; its work orders still need a change mark.
     */
    backorder(original: ProductionRecord, produced: number): number {
      const rest = original.product_qty - produced
      const count = backorderCount.get(original.id)?.n ?? 0
      const name = `${original.name}-${String(count + 1).padStart(3, '0')}`
      const id = Number(insertBackorder.run(name, rest, original.id).lastInsertRowid)
      copyOperations.run(id, original.id, original.id)
      copyComponents.run(rest / original.product_qty, id, original.id)
      setQty.run(produced, original.id)
      return id
    },
  }
}

/** The writer's interface. */
export type ComponentWriter = ReturnType<typeof createComponentWriter>
