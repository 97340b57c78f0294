import type { Database } from 'better-sqlite3'
import type { Lot } from '../../src/domain/contract.ts'
import { createHoldReader } from './holds.ts'
import { prefixedProduct, productColumns, type PrefixedProductRow } from './products.ts'
import { toIsoOrNull } from './time.ts'

interface LotRow extends PrefixedProductRow {
  id: number
  name: string
  expiration_date: number | null
}

/** A lot's id and product, what the event appliers need. */
export interface LotRecord {
  id: number
  name: string
  product_id: number
}

/** Lots and serial numbers; statements are prepared once. */
export function createLotRepository(db: Database) {
  const lotSelect = `SELECT l.id, l.name, l.expiration_date, ${productColumns('p')}
    FROM lots l JOIN products p ON p.id = l.product_id`
  const byName = db.prepare<[string], LotRow>(`${lotSelect} WHERE l.name = ? ORDER BY l.id LIMIT 1`)
  const byNameAndProduct = db.prepare<[string, number], LotRow>(`${lotSelect} WHERE l.name = ? AND l.product_id = ?`)
  const record = db.prepare<[string, number], LotRecord>('SELECT id, name, product_id FROM lots WHERE name = ? AND product_id = ?')
  const recordsByName = db.prepare<[string], LotRecord>('SELECT id, name, product_id FROM lots WHERE name = ? ORDER BY id')
  const insert = db.prepare<[string, number, number]>('INSERT INTO lots (name, product_id, created_at) VALUES (?, ?, ?)')
  const producedElsewhere = db.prepare<[string, number, number], { n: number }>(
    `SELECT COUNT(*) AS n FROM production_lots pl JOIN lots l ON l.id = pl.lot_id
      WHERE l.name = ? AND l.product_id = ? AND pl.production_id != ?`,
  )
  const holds = createHoldReader(db)

  return {
    /** The wire shape of the lot with this exact name (of this product when given), or undefined. */
    lookup(name: string, productId?: number): Lot | undefined {
      const row = productId === undefined ? byName.get(name) : byNameAndProduct.get(name, productId)
      if (!row) return undefined
      return {
        id: row.id,
        name: row.name,
        product: prefixedProduct(row),
        expiration_date: toIsoOrNull(row.expiration_date),
        holds: holds.active().byLot.get(row.id) ?? [],
      }
    },
    /** The lot of this product with this name, or undefined. */
    find(productId: number, name: string): LotRecord | undefined {
      return record.get(name, productId)
    },
    /** The lot with this name, preferring the products listed first (lot names are unique per product only). */
    findPreferring(name: string, productIds: readonly number[]): LotRecord | undefined {
      const lots = recordsByName.all(name)
      for (const productId of productIds) {
        const lot = lots.find((l) => l.product_id === productId)
        if (lot) return lot
      }
      return lots[0]
    },
    /** Creates a lot (or serial) of a product. */
    create(productId: number, name: string, nowMs: number): LotRecord {
      const id = Number(insert.run(name, productId, nowMs).lastInsertRowid)
      return { id, name, product_id: productId }
    },
    /** True when another manufacturing order than `productionId` already produced this serial of this product. */
    serialProducedElsewhere(productId: number, name: string, productionId: number): boolean {
      return (producedElsewhere.get(name, productId, productionId)?.n ?? 0) > 0
    },
  }
}

/** The repository's interface. */
export type LotRepository = ReturnType<typeof createLotRepository>
