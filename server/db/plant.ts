import type { Database } from 'better-sqlite3'
import type { LossType, Tracking, WorkOrderState } from '../../src/domain/contract.ts'
import type { OperatorLine } from '../../src/domain/operator-lines.ts'

/** A work order's raw fields, what the event appliers decide on. */
export interface WorkOrderRecord {
  id: number
  production_id: number
  work_center_id: number
  state: WorkOrderState
  sequence: number
  qty_produced: number
  qty_producing: number
  qty_production: number
  product_id: number
  tracking: Tracking
}

/** One operation of a manufacturing order, as far as its count goes. */
export interface OperationCount {
  id: number
  sequence: number
  state: WorkOrderState
  /** What the operation made: reported so far while open, its final quantity once done. */
  qty_produced: number
}

/** A new productivity line. */
export interface NewTimeLine {
  workCenterId: number
  workOrderId: number
  employeeId: number | null
  lossReasonId: number | null
  lossType: LossType
  at: number
  description: string | null
}

/** When a downtime of a work center began and ended (epoch ms; `end` null while it lasts). */
export interface DowntimeSpan {
  start: number
  end: number | null
}

/** One of an operator's timers, with its row id. */
export interface OperatorTimeLine extends OperatorLine {
  id: number
}

/**
 * The plant's state changes that events cause, in Odoo's vocabulary: work order states, productivity lines
 * (timers and downtime), produced quantities, scraps and holds. Statements are prepared once; callers run
 * them inside the event's savepoint.
 */
export function createPlantWriter(db: Database) {
  const workOrder = db.prepare<[number], WorkOrderRecord>(
    `SELECT w.id, w.production_id, w.work_center_id, w.state, w.sequence, w.qty_produced, w.qty_producing,
            m.product_qty AS qty_production, m.product_id, p.tracking
       FROM workorders w JOIN productions m ON m.id = w.production_id JOIN products p ON p.id = m.product_id
      WHERE w.id = ?`,
  )
  const start = db.prepare<[number, number]>(
    `UPDATE workorders SET state = 'progress', date_start = COALESCE(date_start, ?),
            qty_producing = CASE WHEN qty_producing > 0 THEN qty_producing
              ELSE MAX((SELECT product_qty FROM productions WHERE id = production_id) - qty_produced, 0) END
      WHERE id = ?`,
  )
  const productionInProgress = db.prepare<[number]>(
    `UPDATE productions SET state = 'progress' WHERE id = ? AND state IN ('draft', 'confirmed')`,
  )
  const openTimers = db.prepare<[number], { n: number; started: number | null }>(
    `SELECT COUNT(*) AS n, MAX(date_start) AS started FROM time_lines
      WHERE workorder_id = ? AND loss_type = 'productive' AND date_end IS NULL`,
  )
  const lineStart = db.prepare<[number], { date_start: number }>('SELECT date_start FROM time_lines WHERE id = ?')
  const insertLine = db.prepare<[number, number, number | null, number | null, LossType, number, string | null]>(
    `INSERT INTO time_lines (work_center_id, workorder_id, employee_id, loss_reason_id, loss_type, date_start, description)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  // A line never ends before it started: an event recorded with an earlier clock closes it at its start.
  const closeTimers = db.prepare<[number, string | null, number]>(
    `UPDATE time_lines SET date_end = MAX(date_start, ?), description = COALESCE(?, description)
      WHERE workorder_id = ? AND loss_type = 'productive' AND date_end IS NULL`,
  )
  const closeCenterTimers = db.prepare<[number, number]>(
    `UPDATE time_lines SET date_end = MAX(date_start, ?)
      WHERE work_center_id = ? AND loss_type = 'productive' AND date_end IS NULL`,
  )
  const openDowntime = db.prepare<[number], { id: number }>(
    `SELECT id FROM time_lines WHERE work_center_id = ? AND loss_type != 'productive' AND date_end IS NULL`,
  )
  const closeLine = db.prepare<[number, number]>('UPDATE time_lines SET date_end = MAX(date_start, ?) WHERE id = ?')
  const downtimeAt = db.prepare<[number, number, number], DowntimeSpan>(
    `SELECT date_start AS start, date_end AS "end" FROM time_lines
      WHERE work_center_id = ? AND loss_type != 'productive' AND date_start <= ? AND (date_end IS NULL OR date_end > ?)
      ORDER BY date_start LIMIT 1`,
  )
  const operatorLines = db.prepare<[number, number], OperatorTimeLine>(
    `SELECT id, workorder_id AS workOrderId, work_center_id AS workCenterId, date_start AS start, date_end AS "end"
       FROM time_lines
      WHERE employee_id = ? AND loss_type = 'productive' AND (date_end IS NULL OR date_end > ?)
      ORDER BY date_start, id`,
  )
  const addProduced = db.prepare<[number, number]>('UPDATE workorders SET qty_produced = qty_produced + ? WHERE id = ?')
  const setOrderQuantity = db.prepare<[number, number]>('UPDATE workorders SET qty_producing = ? WHERE production_id = ?')
  const consumeForOrder = db.prepare<{ qty: number; production: number }>(
    `UPDATE workorder_components
        SET qty_consumed = qty_required * @qty / (SELECT product_qty FROM productions WHERE id = @production)
      WHERE manual = 0 AND workorder_id IN (SELECT id FROM workorders WHERE production_id = @production)`,
  )
  const loggedMs = db.prepare<[number], { ms: number }>(
    `SELECT COALESCE(SUM(date_end - date_start), 0) AS ms FROM time_lines
      WHERE workorder_id = ? AND loss_type = 'productive' AND date_end IS NOT NULL`,
  )
  const insertClosedLine = db.prepare<[number, number, number | null, number, number, number]>(
    `INSERT INTO time_lines (work_center_id, workorder_id, employee_id, loss_type, date_start, date_end)
     VALUES (?, ?, ?, 'productive', ? - (SELECT duration_expected FROM workorders WHERE id = ?) * 60000, ?)`,
  )
  const linkLot = db.prepare<[number, number]>('INSERT OR IGNORE INTO production_lots (production_id, lot_id) VALUES (?, ?)')
  const reportSerial = db.prepare<[number, number]>('INSERT INTO workorder_serials (workorder_id, lot_id) VALUES (?, ?)')
  const serialReported = db.prepare<[number, number], { n: number }>(
    'SELECT COUNT(*) AS n FROM workorder_serials WHERE workorder_id = ? AND lot_id = ?',
  )
  const productionLots = db.prepare<[number], { id: number; name: string }>(
    `SELECT l.id, l.name FROM production_lots pl JOIN lots l ON l.id = pl.lot_id WHERE pl.production_id = ? ORDER BY l.id`,
  )
  const finish = db.prepare<[number, number, number, number]>(
    `UPDATE workorders SET state = 'done', qty_produced = ?, date_start = COALESCE(date_start, ?), date_finished = ?
      WHERE id = ?`,
  )
  const siblings = db.prepare<[number], OperationCount>(
    'SELECT id, sequence, state, qty_produced FROM workorders WHERE production_id = ? ORDER BY sequence, id',
  )
  const setState = db.prepare<[WorkOrderState, number]>('UPDATE workorders SET state = ? WHERE id = ?')
  const setProductionState = db.prepare<[string, number]>('UPDATE productions SET state = ? WHERE id = ?')
  const insertScrap = db.prepare<
    [number, number, number, number | null, number, number | null, string | null, number, string]
  >(
    `INSERT INTO scraps (workorder_id, production_id, product_id, lot_id, qty, reason_id, note, date_done, event_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertHold = db.prepare<
    [number | null, number | null, number, number, string | null, number, number | null]
  >(
    `INSERT INTO holds (lot_id, workorder_id, origin_workorder_id, reason_id, state, note, created_at, created_by)
     VALUES (?, ?, ?, ?, 'held', ?, ?, ?)`,
  )
  const releaseHold = db.prepare<[number, number | null, string | null, number]>(
    `UPDATE holds SET state = 'released', released_at = ?, released_by = ?, release_note = ? WHERE id = ?`,
  )
  const heldOnWorkOrder = db.prepare<[number, number, number], { n: number }>(
    `SELECT COUNT(*) AS n FROM holds h
      WHERE h.state = 'held'
        AND (h.workorder_id = ? OR h.origin_workorder_id = ?
             OR h.lot_id IN (SELECT lot_id FROM production_lots
                              WHERE production_id = (SELECT production_id FROM workorders WHERE id = ?)))`,
  )
  const heldLot = db.prepare<[number], { n: number }>(
    `SELECT COUNT(*) AS n FROM holds WHERE state = 'held' AND lot_id = ?`,
  )
  const exists = (table: 'products' | 'scrap_reasons' | 'hold_reasons') =>
    db.prepare<[number], { id: number }>(`SELECT id FROM ${table} WHERE id = ?`)
  const product = db.prepare<[number], { id: number; tracking: Tracking }>('SELECT id, tracking FROM products WHERE id = ?')
  const scrapReason = exists('scrap_reasons')
  const holdReason = exists('hold_reasons')
  const lossReason = db.prepare<[number], { id: number; name: string; loss_type: LossType }>(
    'SELECT id, name, loss_type FROM loss_reasons WHERE id = ?',
  )
  const componentProducts = db.prepare<[number], { product_id: number }>(
    'SELECT product_id FROM workorder_components WHERE workorder_id = ?',
  )
  const orderQty = db.prepare<[{ production: number; product: number }], { qty: number | null }>(
    `SELECT CASE WHEN m.product_id = @product THEN m.product_qty ELSE
              (SELECT SUM(c.qty_required) FROM workorder_components c JOIN workorders w ON w.id = c.workorder_id
                WHERE w.production_id = m.id AND c.product_id = @product) END AS qty
       FROM productions m WHERE m.id = @production`,
  )

  return {
    workOrder: (id: number): WorkOrderRecord | undefined => workOrder.get(id),
    /** Product ids of a work order's components. */
    componentProductIds: (workOrderId: number): number[] => componentProducts.all(workOrderId).map((r) => r.product_id),
    /**
     * How much of a product the manufacturing order makes (its product) or needs (a component), or undefined
     * when the product is neither: what Odoo's Scrap button on the MO offers.
     */
    orderQtyOf: (productionId: number, productId: number): number | undefined =>
      orderQty.get({ production: productionId, product: productId })?.qty ?? undefined,
    product: (id: number) => product.get(id),
    scrapReasonExists: (id: number): boolean => scrapReason.get(id) !== undefined,
    holdReasonExists: (id: number): boolean => holdReason.get(id) !== undefined,
    lossReason: (id: number) => lossReason.get(id),

    /**
     * Odoo's button_start: state progress, first start kept, remaining quantity becomes qty_producing.
     * Returns true when the manufacturing order's state changed too.
     */
    markStarted(wo: WorkOrderRecord, at: number): boolean {
      start.run(at, wo.id)
      return productionInProgress.run(wo.production_id).changes > 0
    },
    hasOpenTimer: (workOrderId: number): boolean => (openTimers.get(workOrderId)?.n ?? 0) > 0,
    /** When the latest open timer of the work order started (epoch ms), or undefined when none runs. */
    openTimersSince: (workOrderId: number): number | undefined => openTimers.get(workOrderId)?.started ?? undefined,
    /** When a time line started (epoch ms). */
    lineStart: (lineId: number): number | undefined => lineStart.get(lineId)?.date_start,
    /** Opens a productivity line; a loss line without end is a downtime of the work center. */
    openLine(line: NewTimeLine): void {
      insertLine.run(
        line.workCenterId,
        line.workOrderId,
        line.employeeId,
        line.lossReasonId,
        line.lossType,
        line.at,
        line.description,
      )
    },
    /** Closes the work order's open timers at `at`; `reason` (a loss name) is noted on them. */
    closeTimers(workOrderId: number, at: number, reason: string | null = null): void {
      closeTimers.run(at, reason, workOrderId)
    },
    /** Closes every running timer on a work center (Odoo's button_block). */
    closeWorkCenterTimers(workCenterId: number, at: number): void {
      closeCenterTimers.run(at, workCenterId)
    },
    openDowntimeId: (workCenterId: number): number | undefined => openDowntime.get(workCenterId)?.id,
    /** The downtime that had the work center stopped at `at` (epoch ms), if any. */
    downtimeAt: (workCenterId: number, at: number): DowntimeSpan | undefined => downtimeAt.get(workCenterId, at, at),
    /** An operator's timers still running or ending after `after` (epoch ms), oldest first. */
    operatorLines: (employeeId: number, after: number): OperatorTimeLine[] => operatorLines.all(employeeId, after),
    closeLine(lineId: number, at: number): void {
      closeLine.run(at, lineId)
    },

    /** Adds to what the operation reported made. */
    addProduced(wo: WorkOrderRecord, qty: number): void {
      addProduced.run(qty, wo.id)
    },
    /** The order's operations and what each made. */
    operations: (productionId: number): OperationCount[] => siblings.all(productionId),
    /**
     * Odoo's "Quantity Producing" set on a work order (`mrp.workorder._set_qty_producing`): the order's
     * quantity, which every operation shows, and the component lines not consumed by hand follow it
     * (`mrp.production._set_qty_producing`).
     */
    setOrderQuantity(productionId: number, qty: number): void {
      setOrderQuantity.run(qty, productionId)
      consumeForOrder.run({ qty, production: productionId })
    },
    /** Records that the manufacturing order produces this lot or serial. */
    /** Links a produced lot to its manufacturing order; true when the order did not have it yet. */
    linkLot(productionId: number, lotId: number): boolean {
      return linkLot.run(productionId, lotId).changes > 0
    },
    /** Records that an operation reported this serial (each operation of a serial routing reports it once). */
    reportSerial(workOrderId: number, lotId: number): void {
      reportSerial.run(workOrderId, lotId)
    },
    serialReported: (workOrderId: number, lotId: number): boolean => (serialReported.get(workOrderId, lotId)?.n ?? 0) > 0,
    /** The lots and serials a manufacturing order produces. */
    productionLots: (productionId: number) => productionLots.all(productionId),
    /** Odoo's button_finish: done at `at` with the final quantity; the next operation may become ready. */
    finish(wo: WorkOrderRecord, qtyProduced: number, at: number): void {
      finish.run(qtyProduced, at, at, wo.id)
    },
    /**
     * Odoo's Done with no time logged (`mrp.workorder.action_mark_as_done`): the expected duration as one
     * productive line, ending when the operator finished.
     */
    logExpectedDurationIfNone(wo: WorkOrderRecord, employeeId: number | null, at: number): void {
      if ((loggedMs.get(wo.id)?.ms ?? 0) > 0) return
      insertClosedLine.run(wo.work_center_id, wo.id, employeeId, at, wo.id, at)
    },
    /**
     * Moves blocked operations whose earlier operations are all done (or cancelled) to ready, and the
     * manufacturing order to `to_close` once every operation is. Returns the work orders it changed.
     */
    advanceProduction(productionId: number): number[] {
      const operations = siblings.all(productionId)
      const changed: number[] = []
      let earlierOpen = false
      for (const op of operations) {
        if (op.state === 'blocked' && !earlierOpen) {
          setState.run('ready', op.id)
          changed.push(op.id)
        }
        if (op.state !== 'done' && op.state !== 'cancel') earlierOpen = true
      }
      if (!earlierOpen) setProductionState.run('to_close', productionId)
      return changed
    },

    recordScrap(scrap: {
      wo: WorkOrderRecord
      productId: number
      lotId: number | null
      qty: number
      reasonId: number | null
      note: string | null
      at: number
      eventId: string
    }): void {
      insertScrap.run(
        scrap.wo.id,
        scrap.wo.production_id,
        scrap.productId,
        scrap.lotId,
        scrap.qty,
        scrap.reasonId,
        scrap.note,
        scrap.at,
        scrap.eventId,
      )
    },
    /** Puts a lot (lotId) or, without one, the work order on hold. */
    hold(hold: { lotId: number | null; wo: WorkOrderRecord; reasonId: number; note: string | null; at: number; employeeId: number | null }): void {
      insertHold.run(
        hold.lotId,
        hold.lotId === null ? hold.wo.id : null,
        hold.wo.id,
        hold.reasonId,
        hold.note,
        hold.at,
        hold.employeeId,
      )
    },
    release(holdId: number, at: number, employeeId: number | null, note: string | null): void {
      releaseHold.run(at, employeeId, note, holdId)
    },
    /** True while a hold on the work order, on a lot it produces or on a lot held from it is active. */
    isOnHold: (workOrderId: number): boolean => (heldOnWorkOrder.get(workOrderId, workOrderId, workOrderId)?.n ?? 0) > 0,
    lotIsHeld: (lotId: number): boolean => (heldLot.get(lotId)?.n ?? 0) > 0,
  }
}

/** The writer's interface. */
export type PlantWriter = ReturnType<typeof createPlantWriter>
