import { describe, expect, test } from 'vitest'
import { openDatabase } from '../../../server/db/open.ts'
import { ean13CheckDigit } from '../../../server/seed/ean13.ts'
import { seedDemoPlant } from '../../../server/seed/demo-plant.ts'
import { CELL_WORKORDERS, InvalidCellCodeError } from '../../../server/seed/isolated-cells.ts'

const NOW = Date.parse('2026-11-23T08:00:00Z')

function seeded(workOrders: number, cells: readonly string[] = []) {
  const db = openDatabase(':memory:')
  seedDemoPlant(db, { workOrders, nowMs: NOW, cells })
  return db
}

function dump(db: ReturnType<typeof openDatabase>): unknown[] {
  return ['workorders', 'productions', 'products', 'lots', 'time_lines', 'holds', 'employees'].map((table) =>
    db.prepare(`SELECT * FROM ${table} ORDER BY id`).all(),
  )
}

describe('the demo plant', () => {
  test('is the same every time', () => {
    expect(dump(seeded(48))).toEqual(dump(seeded(48)))
  })

  test('has work in every state, a cancelled MO, a held lot, and running and paused timers', () => {
    const db = seeded(48)
    const states = db.prepare<[], { state: string }>('SELECT DISTINCT state FROM workorders').all().map((r) => r.state)
    expect(states.sort()).toEqual(['blocked', 'cancel', 'done', 'progress', 'ready'])
    expect(db.prepare(`SELECT COUNT(*) AS n FROM workorders`).get()).toEqual({ n: expect.toSatisfy((n: number) => n >= 48 && n <= 50) })
    expect(db.prepare(`SELECT COUNT(*) AS n FROM productions WHERE state = 'cancel'`).get()).toEqual({ n: 1 })
    expect(db.prepare(`SELECT COUNT(*) AS n FROM holds WHERE state = 'held' AND lot_id IS NOT NULL`).get()).toEqual({ n: 1 })
    expect((db.prepare(`SELECT COUNT(*) AS n FROM time_lines WHERE date_end IS NULL`).get() as { n: number }).n).toBeGreaterThan(0)
    const recentDone = db.prepare<[number], { n: number }>(`SELECT COUNT(*) AS n FROM workorders WHERE state = 'done' AND date_finished > ?`)
    expect(recentDone.get(NOW - 24 * 3_600_000)?.n).toBeGreaterThan(0)
    const tracking = db.prepare<[], { tracking: string }>('SELECT DISTINCT tracking FROM products').all().map((r) => r.tracking)
    expect(tracking.sort()).toEqual(['lot', 'none', 'serial'])
  })

  test('products carry valid EAN-13 barcodes; operators carry badges, languages and release rights', () => {
    const db = seeded(48)
    for (const { barcode } of db.prepare<[], { barcode: string }>('SELECT barcode FROM products').all()) {
      expect(barcode).toMatch(/^\d{13}$/)
      expect(Number(barcode[12])).toBe(ean13CheckDigit(barcode.slice(0, 12)))
    }
    const operators = db.prepare<[], { badge: string; lang: string; can_release_holds: number }>('SELECT * FROM employees').all()
    expect(operators.length).toBeGreaterThanOrEqual(8)
    expect(operators.every((op) => /^BADGE-\d{4}$/.test(op.badge))).toBe(true)
    expect(new Set(operators.map((op) => op.lang))).toEqual(new Set(['en', 'de', 'fr']))
    expect(operators.filter((op) => op.can_release_holds === 1).length).toBeGreaterThanOrEqual(1)
  })

  test('scales to 10,000 work orders', () => {
    const db = seeded(10_000)
    const n = (db.prepare('SELECT COUNT(*) AS n FROM workorders').get() as { n: number }).n
    expect(n).toBeGreaterThanOrEqual(10_000)
    expect(n).toBeLessThanOrEqual(10_002)
  })

  describe('with isolated cells', () => {
    test('each cell has its own work center, operator and ready work orders; the rest of the plant is the same as without cells', () => {
      const plain = seeded(48)
      const db = seeded(48, ['RETIME', 'E2E-2'])
      expect(db.prepare('SELECT COUNT(*) AS n FROM work_centers').get()).toEqual({ n: 6 })
      const cellRows = db
        .prepare<[], { code: string; operators: string; workorders: number; states: string }>(
          `SELECT c.code,
                  (SELECT group_concat(e.name, ' / ') FROM employees e JOIN employee_work_centers ew ON ew.employee_id = e.id
                    WHERE ew.work_center_id = c.id AND e.can_release_holds = 0) AS operators,
                  (SELECT COUNT(*) FROM workorders w WHERE w.work_center_id = c.id) AS workorders,
                  (SELECT group_concat(DISTINCT w.state) FROM workorders w WHERE w.work_center_id = c.id) AS states
             FROM work_centers c WHERE c.code IN ('RETIME', 'E2E-2') ORDER BY c.id`,
        )
        .all()
      expect(cellRows).toEqual([
        { code: 'RETIME', operators: 'Cell RETIME operator', workorders: CELL_WORKORDERS, states: 'ready' },
        { code: 'E2E-2', operators: 'Cell E2E-2 operator', workorders: CELL_WORKORDERS, states: 'ready' },
      ])
      // A cell's operator works there only; the catalog's work orders, lines and operators do not change.
      const cellOperatorCenters = db
        .prepare(`SELECT COUNT(*) AS n FROM employee_work_centers ew JOIN employees e ON e.id = ew.employee_id WHERE e.name LIKE 'Cell %'`)
        .get()
      expect(cellOperatorCenters).toEqual({ n: 2 })
      const catalogPart = (d: typeof db) => [
        d.prepare(`SELECT * FROM workorders WHERE work_center_id IN (SELECT id FROM work_centers WHERE code NOT IN ('RETIME', 'E2E-2')) ORDER BY id`).all(),
        d.prepare(`SELECT * FROM time_lines ORDER BY id`).all(),
        d.prepare(`SELECT * FROM employees WHERE name NOT LIKE 'Cell %' ORDER BY id`).all(),
      ]
      expect(catalogPart(db)).toEqual(catalogPart(plain))
      const counter = (d: typeof db) => (d.prepare('SELECT value FROM change_counter').get() as { value: number }).value
      expect(counter(db)).toBe(counter(plain) + 2 * CELL_WORKORDERS)
    })

    test('a code that would clash with the catalog or cannot be a code is refused before anything is written', () => {
      for (const bad of ['CNC1', 'retime', '']) {
        const db = openDatabase(':memory:')
        expect(() => seedDemoPlant(db, { workOrders: 48, nowMs: NOW, cells: [bad] })).toThrow(InvalidCellCodeError)
        expect(db.prepare('SELECT COUNT(*) AS n FROM work_centers').get()).toEqual({ n: 0 })
      }
    })
  })
})
