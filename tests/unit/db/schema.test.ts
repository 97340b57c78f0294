import { Dexie } from 'dexie'
import { describe, expect, it } from 'vitest'
import { SCHEMA_V1, SCHEMA_V2, ShopfloorDb } from '../../../src/db/schema'
import type { OutboxRow } from '../../../src/db/rows'
import { workOrder } from '../sync/fixtures'

/** Writes a database the way version 1 of the app did. */
async function writeV1(name: string): Promise<void> {
  const v1 = new Dexie(name)
  v1.version(1).stores(SCHEMA_V1)
  const produced = workOrder(1, { lots_producing: [{ id: 5, name: 'LOT-0005' }] })
  await v1.table('workOrders').put({ id: 1, workCenterId: 1, state: 'ready', productId: 7, wo: produced, base: null })
  const dead: OutboxRow = {
    id: '0193f1c2-7b7e-7cc1-9e3a-2f1b3c4d5e6f',
    seq: 4,
    workorderId: 1,
    type: 'workorder.finish',
    event: {
      id: '0193f1c2-7b7e-7cc1-9e3a-2f1b3c4d5e6f',
      type: 'workorder.finish',
      workorder_id: 1,
      occurred_at: '2026-11-23T08:01:12.345+01:00',
      device_seq: 4,
      employee_id: 8,
      payload: { qty: 4 },
    },
    status: 'dead',
    attempts: 1,
    lastError: { code: 'workorder_on_hold', message: 'on hold' },
    recordedAt: 1000,
    lastAttemptAt: 2000,
    settledAt: 2500,
    result: 'rejected',
    resendOf: null,
  }
  await v1.table('outbox').bulkPut([dead, { ...dead, id: 'b', seq: 5, status: 'pending', result: null, lastError: null }])
  v1.close()
}

describe('database versions', () => {
  it('upgrades a version 1 database: dead events become dead letters, produced lots and manufacturing orders become indexed', async () => {
    const name = `upgrade-${Math.random()}`
    await writeV1(name)

    const db = new ShopfloorDb(name)
    await db.open()

    expect(db.verno).toBe(3)
    expect((await db.workOrders.where('lotNames').equals('LOT-0005').first())?.id).toBe(1)
    expect((await db.workOrders.where('productionId').equals(101).first())?.id).toBe(1)
    expect(await db.workOrders.get(1)).not.toHaveProperty('state')
    expect((await db.workOrders.where('[workCenterId+queueKey]').between([1, ''], [1, '2']).first())?.id).toBe(1)
    const letters = await db.deadLetters.toArray()
    expect(letters).toHaveLength(1)
    expect(letters[0]).toMatchObject({ seq: 4, status: 'rejected', resolved: 0, deadAt: 2500, error: { code: 'workorder_on_hold' } })
    expect((await db.outbox.get('b'))?.status).toBe('pending')
    db.close()
  })

  it('upgrades to version 3: the clear badges of older versions leave the device, and the next sync loads hashes', async () => {
    const name = `upgrade-v3-${Math.random()}`
    const v2 = new Dexie(name)
    v2.version(1).stores(SCHEMA_V1)
    v2.version(2).stores(SCHEMA_V2)
    await v2.table('operators').put({ id: 8, name: 'Marc Demo', badge: '0418', can_release_holds: false, lang: 'en' })
    await v2.table('syncState').put({ key: 'sync', deviceSeq: 7, referenceHash: 'abc' })
    v2.close()

    const db = new ShopfloorDb(name)
    await db.open()

    expect(await db.operators.count()).toBe(0)
    expect(await db.syncState.get('sync')).toMatchObject({ deviceSeq: 7, referenceHash: null })
    db.close()
  })

  it('opens a new database at the latest version with every table', async () => {
    const db = new ShopfloorDb(`new-${Math.random()}`)
    await db.open()

    expect(db.tables.map((t) => t.name).sort()).toEqual(
      ['deadLetters', 'leases', 'lots', 'operators', 'outbox', 'products', 'reasons', 'session', 'syncState', 'workCenters', 'workOrders'].sort(),
    )
    db.close()
  })
})
