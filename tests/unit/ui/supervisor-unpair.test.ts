// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { setDatabase } from '../../../src/db/database'
import { getInstructionFileCache } from '../../../src/db/instruction-files'
import type { ShopfloorDb } from '../../../src/db/schema'
import { WORK_CENTER_STORAGE_KEY } from '../../../src/db/storage-keys'
import type { InstructionAttachment, Operator } from '../../../src/domain/contract'
import { i18n } from '../../../src/i18n'
import { useFeedbackStore } from '../../../src/stores/feedback'
import { useSupervisorStore } from '../../../src/stores/supervisor'
import { configureSync } from '../../../src/sync'
import { REPLAY_LOCK_NAME } from '../../../src/sync/lock'
import { recordAction } from '../../../src/sync/recorder'
import { freshDb, seed, workOrder } from '../sync/fixtures'

const supervisor: Operator = { id: 9, name: 'Sam Supervisor', badge_hash: null, pin_hash: null, can_release_holds: true, lang: null }
const drawing: InstructionAttachment = { id: 31, name: 'Drawing.pdf', mimetype: 'application/pdf', size: 4, checksum: 'a'.repeat(40), offline: true }

let db: ShopfloorDb
let pairingOpened: number

beforeEach(async () => {
  setActivePinia(createPinia())
  db = freshDb()
  setDatabase(db)
  // A fresh engine over this test's database; the IndexedDB lease stands for the lock another tab holds.
  configureSync({ locks: null })
  await seed(db, [workOrder(1, { state: 'ready' })])
  await getInstructionFileCache().database.delete()
  await getInstructionFileCache().database.open()
  await getInstructionFileCache().put(drawing, new Uint8Array([1, 2, 3, 4]).buffer)
  localStorage.setItem(WORK_CENTER_STORAGE_KEY, '1')
  i18n.global.locale.value = 'en'
  pairingOpened = 0
})

const openPairing = async () => void (pairingOpened += 1)

describe('the supervisor store unpairs the tablet', () => {
  it('forgets the plant, the instruction files and the chosen work center once authorized, then opens pairing', async () => {
    const store = useSupervisorStore()
    store.unpair(openPairing)
    expect(store.gate?.action).toBe('unpair')
    expect(await getInstructionFileCache().keptIds()).toEqual([31])

    expect(await store.authorized(supervisor)).toBe(true)

    expect(pairingOpened).toBe(1)
    expect(await db.session.count()).toBe(0)
    expect(await db.workOrders.count()).toBe(0)
    expect(await getInstructionFileCache().keptIds()).toEqual([])
    expect(localStorage.getItem(WORK_CENTER_STORAGE_KEY)).toBeNull()
  })

  it('keeps everything while events wait for the server, says so, and still opens pairing (the same server sends them)', async () => {
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })
    await recordAction(db, { type: 'workorder.pause', workorderId: 1, payload: {} })
    const store = useSupervisorStore()

    store.unpair(openPairing)
    expect(await store.authorized(supervisor)).toBe(true)

    expect(pairingOpened).toBe(1)
    expect(await db.outbox.count()).toBe(2)
    expect(await db.session.count()).toBe(1)
    expect(await getInstructionFileCache().keptIds()).toEqual([31])
    const texts = useFeedbackStore().notices.map((n) => n.text())
    expect(texts).toContain("2 recorded events have not reached the server: this device keeps the plant's data until they do. Pair again with the same server to send them.")
  })

  it('does nothing while a sync runs in another tab but say so, and stays on the screen', async () => {
    await db.leases.put({ name: REPLAY_LOCK_NAME, owner: 'another tab', expiresAt: Date.now() + 60_000 })
    const store = useSupervisorStore()

    store.unpair(openPairing)
    expect(await store.authorized(supervisor)).toBe(true)

    expect(pairingOpened).toBe(0)
    expect(await db.session.count()).toBe(1)
    expect(useFeedbackStore().notices.map((n) => n.text())).toContain('A sync is running: pair again in a moment.')
  })
})
