import { afterEach, describe, expect, it } from 'vitest'
import { InstructionFileCache } from '../../../src/db/instruction-files'
import type { InstructionAttachment } from '../../../src/domain/contract'

let clock = 1_000
let cache: InstructionFileCache
let dbNumber = 0

function open(capBytes: number): InstructionFileCache {
  dbNumber += 1
  cache = new InstructionFileCache({ name: `files-test-${dbNumber}`, capBytes, now: () => clock })
  return cache
}

function file(id: number, size: number, checksum = `sum-${id}`): InstructionAttachment {
  return { id, name: `f${id}.pdf`, mimetype: 'application/pdf', size, checksum, offline: true }
}

const bytes = (size: number, fill = 1) => new Uint8Array(size).fill(fill).buffer

afterEach(() => cache.close())

describe('InstructionFileCache', () => {
  it('gives back the bytes kept for that version of the file, as a typed Blob', async () => {
    open(100)
    expect(await cache.put(file(1, 3), bytes(3, 7))).toBe(true)
    const blob = await cache.get(file(1, 3))
    expect(blob?.type).toBe('application/pdf')
    expect([...new Uint8Array(await (blob as Blob).arrayBuffer())]).toEqual([7, 7, 7])
    expect(await cache.get(file(1, 3, 'changed-on-the-server'))).toBeNull()
    expect(await cache.has(file(1, 3, 'changed-on-the-server'))).toBe(false)
  })

  it('stays under the cap by dropping the least recently opened files', async () => {
    open(100)
    for (const id of [1, 2, 3]) {
      clock += 1
      await cache.put(file(id, 30), bytes(30))
    }
    clock += 1
    await cache.get(file(1, 30)) // 1 opened last: 2 is now the least recently used
    clock += 1
    await cache.put(file(4, 30), bytes(30))
    expect(await cache.keptIds()).toEqual([1, 3, 4])
    expect(await cache.usedBytes()).toBe(90)
    clock += 1
    await cache.put(file(5, 70), bytes(70))
    expect(await cache.keptIds()).toEqual([4, 5])
    expect(await cache.usedBytes()).toBeLessThanOrEqual(100)
  })

  it('does not keep a file larger than the cap, and drops nothing for it', async () => {
    open(100)
    await cache.put(file(1, 60), bytes(60))
    expect(await cache.put(file(2, 101), bytes(101))).toBe(false)
    expect(await cache.keptIds()).toEqual([1])
  })

  it('replaces an older version of the same file without counting it twice', async () => {
    open(100)
    await cache.put(file(1, 60), bytes(60))
    await cache.put(file(1, 60, 'v2'), bytes(60, 2))
    expect(await cache.keptIds()).toEqual([1])
    expect(await cache.has(file(1, 60, 'v2'))).toBe(true)
  })
})
