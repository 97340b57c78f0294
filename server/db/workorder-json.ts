import type { Database } from 'better-sqlite3'
import type {
  Component,
  ComponentAvailability,
  ComponentsAvailabilityState,
  ConsumptionRule,
  Hold,
  LotRef,
  WorkOrder,
  WorkOrderState,
} from '../../src/domain/contract.ts'
import { createAttachmentReader } from './attachments.ts'
import { createHoldReader } from './holds.ts'
import { prefixedProduct, productColumns, type PrefixedProductRow } from './products.ts'
import { MINUTE_MS, toIsoOrNull } from './time.ts'
import { createWorkCenterReader } from './work-centers.ts'

interface WorkOrderRow extends PrefixedProductRow {
  id: number
  name: string
  sequence: number
  state: WorkOrderState
  qty_produced: number
  qty_producing: number
  duration_expected: number
  date_start: number | null
  date_finished: number | null
  note: string | null
  instructions: string | null
  open_instructions: 0 | 1
  change_seq: number
  mo_id: number
  mo_name: string
  mo_deadline: number | null
  mo_priority: '0' | '1'
  mo_state: string
  mo_qty: number
  mo_consumption: ConsumptionRule
  wc_id: number
  wc_name: string
  wc_code: string
}

interface ComponentRow extends PrefixedProductRow {
  id: number
  workorder_id: number
  qty_required: number
  qty_consumed: number
  qty_available: number | null
  expected_date: number | null
}

interface TimeRow {
  workorder_id: number
  closed_ms: number
  open_count: number
}

interface ShortageRow {
  production_id: number
  expected_date: number | null
}

/** A component line's availability; a line without a forecast (`qty_available` null) is in stock. */
function componentAvailability(c: ComponentRow): ComponentAvailability {
  const missing = Math.max(c.qty_required - c.qty_consumed, 0)
  const available = c.qty_available ?? missing
  return {
    qty_reserved: Math.min(available, missing),
    qty_available: available,
    expected_date: toIsoOrNull(c.expected_date),
    is_short: available < missing,
  }
}

/**
 * The manufacturing order's component status as Odoo computes it: available when nothing is short,
 * unavailable when a short line has no expected date, else expected (late when after the deadline).
 */
function productionAvailability(
  shortages: readonly ShortageRow[],
  deadline: number | null,
): { state: ComponentsAvailabilityState; expected: number | null } {
  if (shortages.length === 0) return { state: 'available', expected: null }
  if (shortages.some((s) => s.expected_date === null)) return { state: 'unavailable', expected: null }
  const expected = Math.max(...shortages.map((s) => s.expected_date as number))
  return { state: deadline !== null && expected > deadline ? 'late' : 'expected', expected }
}

/** Minutes rounded to 1/100, as Odoo shows them. */
function minutes(ms: number): number {
  return Math.round((ms / MINUTE_MS) * 100) / 100
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = map.get(k)
    if (list) list.push(row)
    else map.set(k, [row])
  }
  return map
}

/**
 * Builds WorkOrder JSON for many work orders with a fixed number of queries (one per related table),
 * so a page of 1000 costs the same queries as a page of one.
 */
export function createWorkOrderSerializer(db: Database, instance: string) {
  const ids = 'SELECT value FROM json_each(?)'
  const main = db.prepare<[string], WorkOrderRow>(
    `SELECT w.id, w.name, w.sequence, w.state, w.qty_produced, w.qty_producing, w.duration_expected,
            w.date_start, w.date_finished, w.note, w.instructions, w.open_instructions, w.change_seq,
            m.id AS mo_id, m.name AS mo_name, m.date_deadline AS mo_deadline, m.priority AS mo_priority,
            m.state AS mo_state, m.product_qty AS mo_qty, m.consumption AS mo_consumption,
            c.id AS wc_id, c.name AS wc_name, c.code AS wc_code, ${productColumns('p')}
       FROM workorders w
       JOIN productions m ON m.id = w.production_id
       JOIN products p ON p.id = m.product_id
       JOIN work_centers c ON c.id = w.work_center_id
      WHERE w.id IN (${ids})`,
  )
  const components = db.prepare<[string], ComponentRow>(
    `SELECT wc.id, wc.workorder_id, wc.qty_required, wc.qty_consumed, wc.qty_available, wc.expected_date,
            ${productColumns('p')}
       FROM workorder_components wc JOIN products p ON p.id = wc.product_id
      WHERE wc.workorder_id IN (${ids}) ORDER BY wc.id`,
  )
  const consumedLots = db.prepare<[string], { component_id: number; name: string; qty: number }>(
    `SELECT cl.component_id, l.name, cl.qty
       FROM component_lots cl JOIN workorder_components wc ON wc.id = cl.component_id JOIN lots l ON l.id = cl.lot_id
      WHERE wc.workorder_id IN (${ids}) ORDER BY l.name`,
  )
  // Odoo's "Component Status" is the manufacturing order's: every component line of every operation. It
  // reads the forecast only (what the order needs against what is coming), so an operation's progress, which
  // marks only that operation changed, never changes what its sibling operations show.
  const productionShortages = db.prepare<[string], ShortageRow>(
    `SELECT w.production_id, wc.expected_date
       FROM workorder_components wc JOIN workorders w ON w.id = wc.workorder_id
      WHERE w.production_id IN (SELECT production_id FROM workorders WHERE id IN (${ids}))
        AND wc.qty_available IS NOT NULL AND wc.qty_available < wc.qty_required`,
  )
  const lots = db.prepare<[string], { workorder_id: number; id: number; name: string }>(
    `SELECT w.id AS workorder_id, l.id, l.name
       FROM workorders w JOIN production_lots pl ON pl.production_id = w.production_id JOIN lots l ON l.id = pl.lot_id
      WHERE w.id IN (${ids}) ORDER BY l.id`,
  )
  const times = db.prepare<[string], TimeRow>(
    `SELECT workorder_id,
            SUM(CASE WHEN date_end IS NULL THEN 0 ELSE date_end - date_start END) AS closed_ms,
            SUM(date_end IS NULL) AS open_count
       FROM time_lines
      WHERE loss_type = 'productive' AND workorder_id IN (${ids})
      GROUP BY workorder_id`,
  )
  const holdReader = createHoldReader(db)
  const attachments = createAttachmentReader(db)
  const workCenters = createWorkCenterReader(db)

  /** WorkOrder JSON for these ids, in their order; ids that do not exist are left out. */
  function load(workOrderIds: readonly number[]): WorkOrder[] {
    if (workOrderIds.length === 0) return []
    const idsJson = JSON.stringify(workOrderIds)
    const rows = new Map(main.all(idsJson).map((row) => [row.id, row]))
    const componentsBy = groupBy(components.all(idsJson), (row) => row.workorder_id)
    const lotsByComponent = groupBy(consumedLots.all(idsJson), (row) => row.component_id)
    const shortagesBy = groupBy(productionShortages.all(idsJson), (row) => row.production_id)
    const lotsBy = groupBy(lots.all(idsJson), (row) => row.workorder_id)
    const timesBy = new Map(times.all(idsJson).map((row) => [row.workorder_id, row]))
    const attachmentsBy = attachments.byWorkOrder(workOrderIds)
    const holds = holdReader.active()
    const downtimes = workCenters.openDowntimes()

    const result: WorkOrder[] = []
    for (const id of workOrderIds) {
      const row = rows.get(id)
      if (!row) continue
      const lotRefs: LotRef[] = (lotsBy.get(id) ?? []).map((lot) => ({ id: lot.id, name: lot.name }))
      const shownHolds = new Map<number, Hold>()
      for (const hold of holds.byWorkOrder.get(id) ?? []) shownHolds.set(hold.id, hold)
      for (const lot of lotRefs) for (const hold of holds.byLot.get(lot.id) ?? []) shownHolds.set(hold.id, hold)
      const time = timesBy.get(id)
      const componentList: Component[] = (componentsBy.get(id) ?? []).map((c) => {
        const product = prefixedProduct(c)
        return {
          move_id: c.id,
          product,
          qty_required: c.qty_required,
          qty_consumed: c.qty_consumed,
          tracking: product.tracking,
          lots: (lotsByComponent.get(c.id) ?? []).map((lot) => ({ name: lot.name, qty: lot.qty })),
          availability: componentAvailability(c),
        }
      })
      const closed = row.mo_state === 'done' || row.mo_state === 'cancel'
      const availability = closed ? null : productionAvailability(shortagesBy.get(row.mo_id) ?? [], row.mo_deadline)
      result.push({
        id: row.id,
        name: row.name,
        sequence: row.sequence,
        production: {
          id: row.mo_id,
          name: row.mo_name,
          date_deadline: toIsoOrNull(row.mo_deadline),
          priority: row.mo_priority,
          state: row.mo_state,
        },
        product: prefixedProduct(row),
        work_center: { id: row.wc_id, name: row.wc_name, code: row.wc_code },
        state: row.state,
        is_running: (time?.open_count ?? 0) > 0,
        qty_production: row.mo_qty,
        qty_produced: row.qty_produced,
        qty_producing: row.qty_producing,
        lots_producing: lotRefs,
        duration_expected: row.duration_expected,
        duration: minutes(time?.closed_ms ?? 0),
        date_start: toIsoOrNull(row.date_start),
        date_finished: toIsoOrNull(row.date_finished),
        components: componentList,
        consumption: row.mo_consumption,
        components_availability_state: availability?.state ?? null,
        components_expected_date: toIsoOrNull(availability?.expected ?? null),
        holds: [...shownHolds.values()],
        is_blocked: shownHolds.size > 0 || downtimes.has(row.wc_id),
        note: row.note,
        instructions: row.instructions,
        open_instructions_on_start: row.open_instructions === 1 && (row.instructions !== null || attachmentsBy.has(id)),
        attachments: attachmentsBy.get(id) ?? [],
        version: `${instance}-${row.change_seq}`,
      })
    }
    return result
  }

  return {
    load,
    /** One work order's JSON, or null when it does not exist. */
    one(id: number): WorkOrder | null {
      return load([id])[0] ?? null
    },
  }
}

/** The serializer's interface, for code that only receives one. */
export type WorkOrderSerializer = ReturnType<typeof createWorkOrderSerializer>
