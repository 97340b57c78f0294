import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, test } from 'vitest'
import { DATABASE_FILE, openDatabase } from '../../../server/db/open.ts'
import { migrate, SchemaTooNewError, SCHEMA_VERSION } from '../../../server/db/migrations.ts'
import { createDemoServer } from '../../../server/testing.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shopfloor-unit-'))
  dirs.push(dir)
  return dir
}

describe('the database', () => {
  test('is WAL, enforces foreign keys and carries the schema version', () => {
    const db = openDatabase(tempDir())
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    db.close()
  })

  test('refuses a database from a newer server', () => {
    const dir = tempDir()
    openDatabase(dir).close()
    const raw = new Database(join(dir, DATABASE_FILE))
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.close()
    expect(() => openDatabase(dir)).toThrow(SchemaTooNewError)
  })

  test('version 3 moves produced lots from work orders to their manufacturing order', () => {
    const db = new Database(':memory:')
    migrate(db, 2)
    db.exec(`
      INSERT INTO work_centers (id, name, code) VALUES (1, 'C', 'C1');
      INSERT INTO products (id, name, tracking) VALUES (1, 'P', 'lot');
      INSERT INTO productions (id, name, product_id, product_qty, state) VALUES (7, 'MO', 1, 5, 'progress');
      INSERT INTO workorders (id, production_id, name, sequence, work_center_id, state, change_seq)
        VALUES (1, 7, 'a', 10, 1, 'done', 1), (2, 7, 'b', 20, 1, 'progress', 2);
      INSERT INTO lots (id, name, product_id, created_at) VALUES (3, 'LOT-1', 1, 0);
      INSERT INTO workorder_lots (workorder_id, lot_id, qty) VALUES (1, 3, 5), (2, 3, 2);
    `)
    migrate(db)
    expect(db.prepare('SELECT production_id, lot_id FROM production_lots').all()).toEqual([{ production_id: 7, lot_id: 3 }])
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    db.close()
  })

  test('the ledger refuses a second row with the same event id', () => {
    const db = openDatabase(':memory:')
    db.prepare(`INSERT INTO terminals (name, created_at) VALUES ('t', 0)`).run()
    const insert = db.prepare(
      `INSERT INTO events (id, terminal_id, content_hash, content, status, correlation_id, received_at)
       VALUES ('e1', 1, 'h', '{}', 'applied', 'c', 0)`,
    )
    insert.run()
    expect(() => insert.run()).toThrow(/UNIQUE constraint failed: events.id/)
    db.close()
  })
})

describe('a restart', () => {
  test('keeps the plant, the ledger, paired terminals and the waiting demo code; it does not seed again', async () => {
    const dataDir = tempDir()
    const first = await createDemoServer({ dataDir, listen: false })
    const pair = await first.app.inject({
      method: 'POST',
      url: '/shopfloor_terminal/v1/pair',
      payload: { pairing_code: first.pairingCode, device_name: 'kept', client_version: '1.0.0' },
    })
    const token = pair.json<{ token: string }>().token
    const standing = first.newPairingCode()
    const workOrders = first.app.shopfloor.services.db.prepare('SELECT COUNT(*) AS n FROM workorders').get()
    await first.close()

    const second = await createDemoServer({ dataDir, listen: false })
    expect(second.app.shopfloor.services.db.prepare('SELECT COUNT(*) AS n FROM workorders').get()).toEqual(workOrders)
    expect(second.pairingCode).toBe(standing)
    const boot = await second.app.inject({
      method: 'GET',
      url: '/shopfloor_terminal/v1/bootstrap',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(boot.statusCode).toBe(200)
    await second.close()
  })

  test('keeps a configured demo code that is still waiting, and arms it again once used', async () => {
    const dataDir = tempDir()
    const first = await createDemoServer({ dataDir, listen: false, pairingCode: 'abcd-2345' })
    expect(first.pairingCode).toBe('ABCD2345')
    await first.app.inject({
      method: 'POST',
      url: '/shopfloor_terminal/v1/pair',
      payload: { pairing_code: 'ABCD2345', device_name: 'one', client_version: '1.0.0' },
    })
    await first.close()
    const second = await createDemoServer({ dataDir, listen: false, pairingCode: 'ABCD2345' })
    const again = await second.app.inject({
      method: 'POST',
      url: '/shopfloor_terminal/v1/pair',
      payload: { pairing_code: 'ABCD2345', device_name: 'two', client_version: '1.0.0' },
    })
    expect(again.statusCode).toBe(200)
    expect(again.json<{ terminal: { id: number } }>().terminal.id).not.toBe(1)
    await second.close()
  })
})
