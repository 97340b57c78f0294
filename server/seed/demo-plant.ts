import type { Database } from 'better-sqlite3'
import type { WorkOrderState } from '../../src/domain/contract.ts'
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../db/time.ts'
import {
  COMPONENTS,
  HOLD_REASONS,
  LOSS_REASONS,
  OPERATORS,
  ROUTINGS,
  SCRAP_REASONS,
  WORK_CENTERS,
  type CatalogProduct,
  type ComponentKey,
  type InstructionFileKey,
  type Routing,
} from './catalog.ts'
import { ean13 } from './ean13.ts'
import { seedIsolatedCell } from './isolated-cells.ts'
import { checksumOf, DEMO_INSTRUCTION_FILES } from './instruction-files.ts'
import { randomInt, seededRandom } from './random.ts'

/** Work orders in the default demo plant. */
export const DEFAULT_DEMO_WORKORDERS = 48

/** Where a manufacturing order stands when seeded. */
type Scenario =
  | 'fresh'
  | 'running'
  | 'paused'
  | 'second'
  | 'second-running'
  | 'last-op'
  | 'done-recent'
  | 'done-old'
  | 'cancelled'

/**
 * Components short on some orders, so the floor sees both of Odoo's cases: hinges late with a delivery
 * expected (every third order that uses them), casters with none in sight (every fourth).
 */
const SHORTAGES: Partial<Record<ComponentKey, (mo: number) => { fraction: number; expectedInDays?: number } | undefined>> = {
  hinge: (mo) => (mo % 3 === 1 ? { fraction: 0.5, expectedInDays: 9 } : undefined),
  caster: (mo) => (mo % 4 === 2 ? { fraction: 0 } : undefined),
}

/**
 * The cycle of scenarios, so every size of plant has work in every state. Its length (13) shares no factor
 * with the number of routings (6), so every product meets every scenario.
 */
const CYCLE: readonly Scenario[] = [
  'fresh',
  'running',
  'second',
  'paused',
  'done-recent',
  'second-running',
  'fresh',
  'last-op',
  'paused',
  'done-old',
  'second',
  'running',
  'fresh',
]
/** The one cancelled manufacturing order. */
const CANCELLED_MO_INDEX = 8

/** Options of {@link seedDemoPlant}. */
export interface SeedOptions {
  /** About how many work orders to create (whole manufacturing orders, so it may go over by two). */
  workOrders: number
  /** The seed's "now", epoch ms: running timers started minutes before it, finished work hours before it. */
  nowMs: number
  /** Codes of isolated cells to add (seed/isolated-cells.ts): work centers no "Pair a device" terminal sees. */
  cells?: readonly string[]
}

/** True when the database has no plant yet (seeding only ever happens then, so a restart keeps the data). */
export function isEmptyPlant(db: Database): boolean {
  return (db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM work_centers').get()?.n ?? 0) === 0
}

/**
 * Seeds the demo plant in one transaction: work centers, products with EAN-13 barcodes, operators with
 * badges, reasons, and manufacturing orders of 2-3 operations in every state (waiting, ready, running,
 * paused with time logged, finished today, finished days ago, one cancelled), a lot on hold.
 * Deterministic: the same options give the same plant.
 */
export function seedDemoPlant(db: Database, options: SeedOptions): void {
  db.transaction(() => seed(db, options))()
}

function seed(db: Database, { workOrders: target, nowMs, cells = [] }: SeedOptions): void {
  const random = seededRandom(20261123)
  const insert = (sql: string) => db.prepare(sql)

  const centerIds = new Map<string, number>()
  const insertCenter = insert('INSERT INTO work_centers (name, code) VALUES (?, ?)')
  for (const center of WORK_CENTERS) centerIds.set(center.code, Number(insertCenter.run(center.name, center.code).lastInsertRowid))

  let barcodeSerial = 0
  const insertProduct = insert('INSERT INTO products (default_code, name, barcode, tracking, uom) VALUES (?, ?, ?, ?, ?)')
  const addProduct = (p: CatalogProduct): number => {
    barcodeSerial += 1
    const barcode = ean13(`4006381${String(barcodeSerial).padStart(5, '0')}`)
    return Number(insertProduct.run(p.code, p.name, barcode, p.tracking, p.uom).lastInsertRowid)
  }
  const componentIds = new Map<ComponentKey, number>()
  for (const [key, component] of Object.entries(COMPONENTS)) componentIds.set(key as ComponentKey, addProduct(component))
  const finishedIds = ROUTINGS.map((routing) => addProduct(routing.product))

  const insertEmployee = insert('INSERT INTO employees (name, badge, pin, can_release_holds, lang) VALUES (?, ?, ?, ?, ?)')
  const allowEmployee = insert('INSERT INTO employee_work_centers (employee_id, work_center_id) VALUES (?, ?)')
  const centers = [...centerIds.values()]
  const employeeIds = OPERATORS.map((operator, index) => {
    const id = Number(
      // The demo's PIN is the badge's number (BADGE-1005: 1005), so a visitor can try the supervisor gate.
      insertEmployee.run(operator.name, `BADGE-${1001 + index}`, String(1001 + index), operator.supervisor ? 1 : 0, operator.lang)
        .lastInsertRowid,
    )
    const allowed = operator.supervisor ? centers : [centers[index % centers.length], centers[(index + 1) % centers.length]]
    for (const centerId of allowed) allowEmployee.run(id, centerId as number)
    return id
  })

  const insertReason = (table: string) => insert(`INSERT INTO ${table} (name) VALUES (?)`)
  const scrapReason = insertReason('scrap_reasons')
  for (const name of SCRAP_REASONS) scrapReason.run(name)
  const holdReason = insertReason('hold_reasons')
  const holdReasonIds = HOLD_REASONS.map((name) => Number(holdReason.run(name).lastInsertRowid))
  const lossReason = insert('INSERT INTO loss_reasons (name, loss_type, manual) VALUES (?, ?, ?)')
  for (const loss of LOSS_REASONS) lossReason.run(loss.name, loss.type, loss.manual ? 1 : 0)

  const insertLot = insert('INSERT INTO lots (name, product_id, expiration_date, created_at) VALUES (?, ?, ?, ?)')
  // Component lots with GS1-friendly names (letters and digits only, fit AI 10).
  for (const [key, component] of Object.entries(COMPONENTS)) {
    if (component.tracking !== 'lot') continue
    const expires = key === 'powder' ? nowMs + 180 * DAY_MS : null
    for (let n = 1; n <= 3; n++) {
      insertLot.run(`${component.code.slice(0, 3)}2411${String.fromCharCode(64 + n)}${String(n).padStart(2, '0')}`, componentIds.get(key as ComponentKey) as number, expires, nowMs - 30 * DAY_MS)
    }
  }

  const insertMo = insert(
    `INSERT INTO productions (name, product_id, product_qty, date_deadline, priority, state, consumption)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertWo = insert(
    `INSERT INTO workorders (production_id, name, sequence, work_center_id, state, qty_produced, qty_producing,
       duration_expected, date_start, date_finished, note, instructions, open_instructions, change_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertAttachment = insert('INSERT INTO attachments (name, mimetype, checksum, data) VALUES (?, ?, ?, ?)')
  const attachmentIds = new Map<InstructionFileKey, number>()
  for (const [key, make] of Object.entries(DEMO_INSTRUCTION_FILES)) {
    const file = make()
    attachmentIds.set(key as InstructionFileKey, Number(insertAttachment.run(file.name, file.mimetype, checksumOf(file.data), file.data).lastInsertRowid))
  }
  const linkAttachment = insert('INSERT INTO workorder_attachments (workorder_id, attachment_id) VALUES (?, ?)')
  const insertComponent = insert(
    `INSERT INTO workorder_components (workorder_id, product_id, qty_required, qty_consumed, qty_available, expected_date)
     VALUES (?, ?, ?, ?, ?, ?)`,
  )
  // The seeded history names no operator: it was not recorded at a terminal, and an operator's time lines
  // never overlap (src/domain/operator-lines.ts), which lines dealt out to operators in turn would break.
  const insertLine = insert(
    `INSERT INTO time_lines (work_center_id, workorder_id, loss_type, date_start, date_end)
     VALUES (?, ?, 'productive', ?, ?)`,
  )
  const linkLot = insert('INSERT INTO production_lots (production_id, lot_id) VALUES (?, ?)')
  const insertHold = insert(
    `INSERT INTO holds (lot_id, origin_workorder_id, reason_id, state, note, created_at, created_by)
     VALUES (?, ?, ?, 'held', ?, ?, ?)`,
  )

  let seq = 0
  let lotNumber = 0
  let serialNumber = 0
  let heldOne = false
  let created = 0
  for (let mo = 0; created < target; mo++) {
    const routingIndex = mo % ROUTINGS.length
    const routing = ROUTINGS[routingIndex] as Routing
    const productId = finishedIds[routingIndex] as number
    const scenario: Scenario = mo === CANCELLED_MO_INDEX ? 'cancelled' : (CYCLE[mo % CYCLE.length] as Scenario)
    const qty = randomInt(random, routing.qty[0], routing.qty[1])
    const ops = routing.operations
    const active = { fresh: 0, running: 0, paused: 0, second: 1, 'second-running': 1, 'last-op': ops.length - 1 }
    const activeIndex = scenario in active ? Math.min(active[scenario as keyof typeof active], ops.length - 1) : -1
    const finishedAt = scenario === 'done-old' ? nowMs - 3 * DAY_MS : nowMs - 3 * HOUR_MS
    const moState = scenario === 'cancelled' ? 'cancel' : scenario.startsWith('done') ? 'to_close' : scenario === 'fresh' ? 'confirmed' : 'progress'
    const productionId = Number(
      insertMo.run(
        `WH/MO/${String(mo + 1).padStart(5, '0')}`,
        productId,
        qty,
        nowMs + ((mo % 7) + 1) * DAY_MS,
        mo % 5 === 0 ? '1' : '0',
        moState,
        routing.consumption ?? 'warning',
      ).lastInsertRowid,
    )

    let lotId: number | null = null
    let serials = 0
    /** The MO's lot, or its serials up to the most any operation produced (units keep their serial). */
    const producedLots = (produced: number): void => {
      if (produced <= 0 || routing.product.tracking === 'none') return
      if (routing.product.tracking === 'lot') {
        if (lotId !== null) return
        lotNumber += 1
        lotId = Number(insertLot.run(`LOT-${String(lotNumber).padStart(4, '0')}`, productId, null, nowMs - DAY_MS).lastInsertRowid)
        linkLot.run(productionId, lotId)
        return
      }
      for (; serials < produced; serials++) {
        serialNumber += 1
        const serialId = Number(insertLot.run(`SN${String(serialNumber).padStart(6, '0')}`, productId, null, nowMs - DAY_MS).lastInsertRowid)
        linkLot.run(productionId, serialId)
      }
    }

    ops.forEach((op, index) => {
      let state: WorkOrderState
      let produced = 0
      let dateStart: number | null = null
      let dateFinished: number | null = null
      const lines: [number, number | null][] = []
      const worked = Math.round(op.minutes * (0.8 + random() * 0.4)) * MINUTE_MS
      const doneAt = (k: number) => finishedAt - (ops.length - 1 - k) * 2 * HOUR_MS
      if (scenario === 'cancelled') state = 'cancel'
      else if (scenario === 'done-recent' || scenario === 'done-old' || index < activeIndex) {
        state = 'done'
        produced = qty
        dateFinished = scenario.startsWith('done') ? doneAt(index) : nowMs - (activeIndex - index) * 2 * HOUR_MS - HOUR_MS
        dateStart = dateFinished - worked
        lines.push([dateStart, dateFinished])
      } else if (index > activeIndex) state = 'blocked'
      else if (scenario === 'running' || scenario === 'second-running') {
        state = 'progress'
        produced = Math.floor(qty * 0.4)
        dateStart = nowMs - 50 * MINUTE_MS
        lines.push([dateStart, dateStart + 25 * MINUTE_MS], [nowMs - 12 * MINUTE_MS, null])
      } else if (scenario === 'paused') {
        state = 'progress'
        produced = Math.floor(qty * 0.6)
        dateStart = nowMs - 4 * HOUR_MS
        lines.push([dateStart, dateStart + 20 * MINUTE_MS], [dateStart + 45 * MINUTE_MS, dateStart + 60 * MINUTE_MS])
      } else state = 'ready'

      seq += 1
      const centerId = centerIds.get(op.center) as number
      const workOrderId = Number(
        insertWo.run(
          productionId,
          op.name,
          (index + 1) * 10,
          centerId,
          state,
          produced,
          state === 'progress' ? qty - produced : 0,
          op.minutes,
          dateStart,
          dateFinished,
          op.note,
          op.instructions?.html ?? null,
          op.instructions?.openOnStart ? 1 : 0,
          seq,
        ).lastInsertRowid,
      )
      for (const key of op.instructions?.files ?? []) linkAttachment.run(workOrderId, attachmentIds.get(key) as number)
      created += 1
      for (const component of op.components) {
        const required = Math.round(component.perUnit * qty * 100) / 100
        const consumed = Math.round(component.perUnit * produced * 100) / 100
        const short = moState === 'cancel' || moState === 'to_close' ? undefined : SHORTAGES[component.key]?.(mo)
        insertComponent.run(
          workOrderId,
          componentIds.get(component.key) as number,
          required,
          consumed,
          short ? Math.floor((required - consumed) * short.fraction) : null,
          short?.expectedInDays === undefined ? null : nowMs + short.expectedInDays * DAY_MS,
        )
      }
      for (const [start, end] of lines) insertLine.run(centerId, workOrderId, start, end)
      producedLots(produced)
      if (!heldOne && scenario === 'paused' && routing.product.tracking === 'lot' && lotId !== null) {
        insertHold.run(lotId, workOrderId, holdReasonIds[0] as number, 'Bore diameter 0.2 mm over on samples 3 and 7.', nowMs - HOUR_MS, employeeIds[8] as number)
        heldOne = true
      }
    })
  }
  for (const code of cells) seq = seedIsolatedCell(db, code, { nowMs, changeSeq: seq })
  db.prepare('UPDATE change_counter SET value = ? WHERE id = 1').run(seq)
}
