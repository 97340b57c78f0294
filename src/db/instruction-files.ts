import { Dexie, type EntityTable } from 'dexie'
import type { InstructionAttachment } from '../domain/contract'
import { entriesToEvict } from '../domain/file-cache-policy'

/** The most bytes of instruction files kept for offline use on one device: 100 MB. */
export const DEFAULT_CAP_BYTES = 100 * 1024 * 1024

/** One instruction file kept for offline use. */
export interface InstructionFileRow {
  /** The attachment id. */
  id: number
  /** The content's checksum when fetched: another checksum means the file changed on the server. */
  checksum: string
  mimetype: string
  size: number
  /** The bytes (an ArrayBuffer rather than a Blob: every IndexedDB implementation clones it). */
  bytes: ArrayBuffer
  /** Epoch ms of the last store or open: the least recently used go first when the cap is reached. */
  lastUsedAt: number
}

/**
 * Its own database, apart from the outbox and work orders: files can be dropped or the cap changed
 * without a schema step of the app's database, and clearing it never touches unsent events.
 */
class InstructionFileDb extends Dexie {
  files!: EntityTable<InstructionFileRow, 'id'>
  constructor(name: string) {
    super(name)
    this.version(1).stores({ files: 'id, lastUsedAt' })
  }
}

export interface InstructionFileCacheOptions {
  /** IndexedDB database name. */
  name?: string
  /** Total bytes kept; least recently used files are dropped beyond it. */
  capBytes?: number
  /** The device clock, epoch ms. */
  now?: () => number
}

/** Instruction files kept for offline use under a total size cap, least recently used dropped first. */
export class InstructionFileCache {
  private readonly db: InstructionFileDb
  private readonly capBytes: number
  private readonly now: () => number

  constructor(options: InstructionFileCacheOptions = {}) {
    const { name = 'shopfloor-instruction-files', capBytes = DEFAULT_CAP_BYTES, now = Date.now } = options
    this.db = new InstructionFileDb(name)
    this.capBytes = capBytes
    this.now = now
  }

  /** True when this version of the file is kept. */
  async has(file: InstructionAttachment): Promise<boolean> {
    return (await this.db.files.get(file.id))?.checksum === file.checksum
  }

  /** The kept bytes of this version of the file (marking it used), or null. */
  async get(file: InstructionAttachment): Promise<Blob | null> {
    return this.db.transaction('rw', this.db.files, async () => {
      const row = await this.db.files.get(file.id)
      if (row?.checksum !== file.checksum) return null
      await this.db.files.update(file.id, { lastUsedAt: this.now() })
      return new Blob([row.bytes], { type: row.mimetype })
    })
  }

  /**
   * Keeps the file, dropping the least recently used others until it fits under the cap.
   * @returns false when the file alone is over the cap (it is not kept).
   */
  async put(file: InstructionAttachment, bytes: ArrayBuffer): Promise<boolean> {
    if (bytes.byteLength > this.capBytes) return false
    return this.db.transaction('rw', this.db.files, async () => {
      const others = (await this.db.files.toArray()).filter((row) => row.id !== file.id)
      const evict = entriesToEvict(
        others.map(({ id, size, lastUsedAt }) => ({ id, size, lastUsedAt })),
        bytes.byteLength,
        this.capBytes,
      )
      await this.db.files.bulkDelete(evict)
      await this.db.files.put({ id: file.id, checksum: file.checksum, mimetype: file.mimetype, size: bytes.byteLength, bytes, lastUsedAt: this.now() })
      return true
    })
  }

  /** Total bytes kept. */
  async usedBytes(): Promise<number> {
    return (await this.db.files.toArray()).reduce((sum, row) => sum + row.size, 0)
  }

  /** Ids of the files kept. */
  async keptIds(): Promise<number[]> {
    return (await this.db.files.toCollection().primaryKeys()).sort((a, b) => a - b)
  }

  /** The database itself: unpair empties it with the app's others (`pairing-data.ts`). */
  get database(): Dexie {
    return this.db
  }

  /** Closes the database (tests). */
  close(): void {
    this.db.close()
  }
}

let current: InstructionFileCache | null = null

/** The app's instruction file cache (opened lazily). */
export function getInstructionFileCache(): InstructionFileCache {
  current ??= new InstructionFileCache()
  return current
}
