import { describe, expect, it } from 'vitest'
import { entriesToEvict, type CachedFileEntry } from '../../../src/domain/file-cache-policy'

const entries: CachedFileEntry[] = [
  { id: 1, size: 40, lastUsedAt: 300 },
  { id: 2, size: 30, lastUsedAt: 100 },
  { id: 3, size: 20, lastUsedAt: 200 },
]

describe('entriesToEvict', () => {
  it('drops nothing while the new file fits', () => {
    expect(entriesToEvict(entries, 10, 100)).toEqual([])
  })

  it('drops the least recently used first, and only as many as needed', () => {
    expect(entriesToEvict(entries, 20, 100)).toEqual([2])
    expect(entriesToEvict(entries, 60, 100)).toEqual([2, 3])
    expect(entriesToEvict(entries, 100, 100)).toEqual([2, 3, 1])
  })

  it('keeps everything when the new file alone is over the cap (it will not be kept)', () => {
    expect(entriesToEvict(entries, 101, 100)).toEqual([])
  })

  it('breaks ties of last use by id', () => {
    expect(entriesToEvict([{ id: 9, size: 5, lastUsedAt: 1 }, { id: 4, size: 5, lastUsedAt: 1 }], 10, 10)).toEqual([4, 9])
  })
})
