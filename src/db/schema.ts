import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie'
import type {
  DeadLetterRow,
  LeaseRow,
  LotRow,
  OutboxRow,
  ReasonRow,
  SessionRow,
  SyncStateRow,
  WorkOrderRow,
} from './rows'
import type { Operator, Product, WorkCenter } from '../domain/contract'
import type { ReasonKind } from '../domain/rules'
import { queueSortKey } from '../domain/queue'

/** The IndexedDB database name. */
export const DB_NAME = 'shopfloor'

/**
 * Version 1: the first released schema. Dead events stayed in the outbox (status `dead`, error in
 * `lastError`) and work orders could not be found by produced lot.
 * The schema strings list only indexed fields (https://dexie.org/docs/Version/Version.stores()).
 */
export const SCHEMA_V1 = {
  session: 'key',
  syncState: 'key',
  leases: 'name',
  workCenters: 'id',
  operators: 'id, badge',
  reasons: '[kind+id], kind',
  products: 'id, barcode',
  lots: 'name, productId',
  workOrders: 'id, workCenterId, [workCenterId+state]',
  outbox: 'id, [status+seq], [workorderId+seq], settledAt',
} as const

/**
 * Version 2: a dead-letter table of its own (supervisors resolve them; the outbox stays
 * append-only), work orders indexed in queue order per work center (the next jobs come without
 * reading 10,000 rows), by produced lot name (scan a lot, find its work order; refuse a serial
 * produced twice) and by manufacturing order (a finish makes the next operation ready).
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  workOrders: 'id, [workCenterId+queueKey], *lotNames, productionId, diverged',
  deadLetters: 'id, workorderId, [resolved+deadAt]',
} as const

/** Moves v1's dead outbox rows into `deadLetters` and fills the new indexed fields from each work order. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table<WorkOrderRow>('workOrders')
    .toCollection()
    .modify((row: WorkOrderRow & { state?: string }) => {
      delete row.state
      row.queueKey = queueSortKey(row.wo)
      row.lotNames = row.wo.lots_producing.map((l) => l.name)
      row.productionId = row.wo.production.id
      if (row.base !== null) row.diverged = 1
    })
  const dead = await tx.table<OutboxRow>('outbox').where('[status+seq]').between(['dead', Dexie.minKey], ['dead', Dexie.maxKey]).toArray()
  await tx.table<DeadLetterRow>('deadLetters').bulkPut(
    dead.map((row) => ({
      id: row.id,
      seq: row.seq,
      workorderId: row.workorderId,
      event: row.event,
      status: row.result === 'conflict' ? 'conflict' : 'rejected',
      error: row.lastError ?? { code: 'invalid_event', message: 'Rejected before this device kept reasons.' },
      deadAt: row.settledAt ?? row.recordedAt,
      resolved: 0,
      resolution: null,
    })),
  )
}

/**
 * Version 3: operators are found by the salted hash of their badge (the bootstrap no longer carries
 * badges). The upgrade deletes the operators an older version stored with their badges in clear and
 * forgets the bootstrap's fingerprint, so the next sync writes them again, hashed.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  operators: 'id, badge_hash',
} as const

/** Removes clear-text badges from the device and has the next sync load the hashed operators. */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  await tx.table('operators').clear()
  await tx.table<SyncStateRow>('syncState').where('key').equals('sync').modify({ referenceHash: null })
}

/** The terminal's database. Open one per tab; several instances may share the same IndexedDB. */
export class ShopfloorDb extends Dexie {
  declare session: EntityTable<SessionRow, 'key'>
  declare syncState: EntityTable<SyncStateRow, 'key'>
  declare leases: EntityTable<LeaseRow, 'name'>
  declare workCenters: EntityTable<WorkCenter, 'id'>
  declare operators: EntityTable<Operator, 'id'>
  declare reasons: Table<ReasonRow, [ReasonKind, number]>
  declare products: EntityTable<Product, 'id'>
  declare lots: EntityTable<LotRow, 'name'>
  declare workOrders: EntityTable<WorkOrderRow, 'id'>
  declare outbox: EntityTable<OutboxRow, 'id'>
  declare deadLetters: EntityTable<DeadLetterRow, 'id'>

  constructor(name: string = DB_NAME) {
    // Chromium otherwise reports commit before the data reached disk; "durable before the UI says
    // saved" needs strict (https://dexie.org/docs/Dexie/Dexie.[chromeTransactionDurability]).
    super(name, { chromeTransactionDurability: 'strict' })
    this.version(1).stores(SCHEMA_V1)
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2)
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3)
  }
}
