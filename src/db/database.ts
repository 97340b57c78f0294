import { ShopfloorDb } from './schema'

let current: ShopfloorDb | null = null

/** The app's database (opened lazily on first use): what the queries and the sync API use by default. */
export function getDatabase(): ShopfloorDb {
  current ??= new ShopfloorDb()
  return current
}

/** Replaces the default database: for tests and benchmarks that open their own. */
export function setDatabase(db: ShopfloorDb): void {
  current = db
}
