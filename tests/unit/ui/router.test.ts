// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { setDatabase } from '../../../src/db/database'
import type { ShopfloorDb } from '../../../src/db/schema'
import { guard, router } from '../../../src/router'
import { bootstrap, freshDb, seed } from '../sync/fixtures'

let db: ShopfloorDb

beforeEach(() => {
  db = freshDb()
  setDatabase(db)
})

const to = (path: string) => router.resolve(path)

describe('the navigation guard', () => {
  it('sends an unpaired device to pairing, keeping the QR code in the query', async () => {
    expect(await guard(to('/wo/5'))).toEqual({ name: 'pair', query: {} })
    expect(await guard(to('/pair?code=ABCD2345'))).toBe(true)
    expect(await guard(to('/supervisor?x=1'))).toEqual({ name: 'pair', query: { x: '1' } })
  })

  it('asks for a badge first where the plant requires an operator, and comes back after', async () => {
    await seed(db, [], { operatorId: null })
    expect(await guard(to('/wo/5'))).toEqual({ name: 'signin', query: { redirect: '/wo/5' } })
    expect(await guard(to('/sync'))).toBe(true)
    expect(await guard(to('/supervisor'))).toBe(true)
  })

  it('lets a signed-in operator anywhere', async () => {
    await seed(db, [])
    expect(await guard(to('/wo/5'))).toBe(true)
    expect(await guard(to('/'))).toBe(true)
  })

  it('needs no operator where the plant does not require one', async () => {
    const boot = bootstrap()
    await seed(db, [], { operatorId: null, boot: { ...boot, terminal: { ...boot.terminal, settings: { ...boot.terminal.settings, require_operator: false } } } })
    expect(await guard(to('/wo/5'))).toBe(true)
  })
})
