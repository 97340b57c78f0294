import type { Product, Tracking } from '../../src/domain/contract.ts'

/** A `products` row as the queries select it (prefixed columns when joined). */
export interface ProductRow {
  id: number
  default_code: string | null
  name: string
  barcode: string | null
  tracking: Tracking
  uom: string
}

/** The wire shape of a product: Odoo's `display_name` is `[default_code] name`. */
export function productJson(row: ProductRow): Product {
  return {
    id: row.id,
    display_name: row.default_code ? `[${row.default_code}] ${row.name}` : row.name,
    barcode: row.barcode,
    tracking: row.tracking,
    uom: row.uom,
  }
}

/** Columns selecting a product under the `p_` prefix, for {@link prefixedProduct}. */
export function productColumns(alias: string): string {
  return ['id', 'default_code', 'name', 'barcode', 'tracking', 'uom'].map((c) => `${alias}.${c} AS p_${c}`).join(', ')
}

/** Rows carrying {@link productColumns}. */
export interface PrefixedProductRow {
  p_id: number
  p_default_code: string | null
  p_name: string
  p_barcode: string | null
  p_tracking: Tracking
  p_uom: string
}

/** Reads the product out of a row selected with {@link productColumns}. */
export function prefixedProduct(row: PrefixedProductRow): Product {
  return productJson({
    id: row.p_id,
    default_code: row.p_default_code,
    name: row.p_name,
    barcode: row.p_barcode,
    tracking: row.p_tracking,
    uom: row.p_uom,
  })
}
