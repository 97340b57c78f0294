import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { migrate } from './migrations.ts'

/** Name of the SQLite file inside the data directory. */
export const DATABASE_FILE = 'shopfloor.sqlite'

/** Opens with this instead of a directory to keep everything in memory (tests). */
export const IN_MEMORY = ':memory:'

/**
 * Opens (creating if needed) the demo backend's database in `dataDir`, or in memory for `':memory:'`,
 * and migrates it to the current schema.
 */
export function openDatabase(dataDir: string): Database.Database {
  let file = IN_MEMORY
  if (dataDir !== IN_MEMORY) {
    mkdirSync(dataDir, { recursive: true })
    file = join(dataDir, DATABASE_FILE)
  }
  const db = new Database(file)
  // WAL: readers never wait for the writer, and a commit is one append (https://sqlite.org/wal.html).
  db.pragma('journal_mode = WAL')
  // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commits.
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // 64 MiB of page cache (negative = KiB): a 10,000-work-order plant stays in memory between syncs.
  db.pragma('cache_size = -65536')
  migrate(db)
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('instance_id', ?)`).run(randomBytes(4).toString('hex'))
  return db
}

/** Random id of this database, made when it was created: versions and cursors of another database never match it. */
export function instanceId(db: Database.Database): string {
  const row = db.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = 'instance_id'`).get()
  if (!row) throw new Error('meta.instance_id is missing: the database was not opened with openDatabase().')
  return row.value
}
