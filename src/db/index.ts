export { ShopfloorDb, DB_NAME, SCHEMA_V1, SCHEMA_V2 } from './schema'
export { getDatabase, setDatabase } from './database'
export type * from './rows'
export * as queries from './queries'
