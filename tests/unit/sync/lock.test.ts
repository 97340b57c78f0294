import { afterEach, describe, expect, it, vi } from 'vitest'
import { createReplayLock, LEASE_MS } from '../../../src/sync/lock'
import { fakeLocks, freshDb } from './fixtures'

afterEach(() => {
  vi.useRealTimers()
})

describe('createReplayLock', () => {
  it('with Web Locks, lets one tab run and tells the other it is busy', async () => {
    const locks = fakeLocks()
    const tabA = createReplayLock({ db: freshDb(), locks: locks.manager })
    const tabB = createReplayLock({ db: freshDb(), locks: locks.manager })
    let release = () => {}
    const running = tabA.run(() => new Promise<string>((resolve) => (release = () => resolve('a'))))

    expect(await tabB.run(async () => 'b')).toEqual({ ran: false })
    release()
    expect(await running).toEqual({ ran: true, value: 'a' })
    expect(await tabB.run(async () => 'b')).toEqual({ ran: true, value: 'b' })
  })

  it('without Web Locks, shares a lease in IndexedDB between tabs of the same database', async () => {
    const db = freshDb()
    const tabA = createReplayLock({ db, locks: null })
    const tabB = createReplayLock({ db, locks: null })
    let release = () => {}
    const running = tabA.run(() => new Promise<void>((resolve) => (release = resolve)))
    await vi.waitFor(async () => expect(await db.leases.count()).toBe(1), { timeout: 10_000 })

    expect(await tabB.run(async () => 'b')).toEqual({ ran: false })
    release()
    await running
    expect(await db.leases.count()).toBe(0)
    expect(await tabB.run(async () => 'b')).toEqual({ ran: true, value: 'b' })
  })

  it('lets another tab take a lease its holder stopped renewing (the tab died)', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 0 })
    const db = freshDb()
    await db.leases.put({ name: 'shopfloor-replay', owner: 'dead-tab', expiresAt: LEASE_MS })
    const tab = createReplayLock({ db, locks: null })

    expect(await tab.run(async () => 1)).toEqual({ ran: false })
    vi.setSystemTime(LEASE_MS + 1)
    expect(await tab.run(async () => 1)).toEqual({ ran: true, value: 1 })
  })

  it('releases the lock when the work throws', async () => {
    const db = freshDb()
    const tab = createReplayLock({ db, locks: null })

    await expect(tab.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await db.leases.count()).toBe(0)
  })
})
