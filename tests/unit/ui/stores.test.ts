// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { effectScope, ref, watch } from 'vue'
import { beforeEach, describe, expect, it } from 'vitest'
import { useLotScan } from '../../../src/composables/useLotScan'
import { scanBus } from '../../../src/scan/scan-bus'
import { getDatabase, setDatabase } from '../../../src/db/database'
import type { ShopfloorDb } from '../../../src/db/schema'
import { i18n, showLocale } from '../../../src/i18n'
import { router } from '../../../src/router'
import { useFeedbackStore } from '../../../src/stores/feedback'
import { effectiveLocale, useLocaleStore } from '../../../src/stores/locale'
import { matchesSearch, productsOf, QUEUE_PAGE_SIZE, useQueueStore } from '../../../src/stores/queue'
import { workOrderRow } from '../../../src/sync/merge'
import { useScanStore } from '../../../src/stores/scan'
import { parseWedgeSettings } from '../../../src/stores/scanner-settings'
import { useSessionStore } from '../../../src/stores/session'
import { activeHolds, parseEditedPayload } from '../../../src/stores/supervisor'
import { useWorkOrderStore } from '../../../src/stores/workorder'
import { freshDb, seed, workOrder } from '../sync/fixtures'
import { DRAWER, PANEL } from './fixtures'

const held = { id: 3, lot_name: 'LOT-7', workorder_id: null, reason: 'Dimension', state: 'held' as const, note: null }
const queueOrders = [
  workOrder(1, { production: { id: 101, name: 'WH/MO/00001', date_deadline: '2026-11-30T00:00:00Z', priority: '0' }, product: DRAWER, lots_producing: [{ id: 5, name: 'LOT-5' }] }),
  workOrder(2, { production: { id: 102, name: 'WH/MO/00002', date_deadline: null, priority: '1' }, product: PANEL, work_center: { id: 2, name: 'Paint', code: 'PNT' } }),
  workOrder(3, { production: { id: 103, name: 'WH/MO/00003', date_deadline: '2026-11-24T00:00:00Z', priority: '0' }, holds: [held], is_blocked: true }),
  workOrder(4, { state: 'done' }),
]

let db: ShopfloorDb

async function recordedTypes(): Promise<string[]> {
  return (await db.outbox.orderBy('id').toArray()).sort((a, b) => a.seq - b.seq).map((r) => r.type)
}

beforeEach(async () => {
  localStorage.clear()
  setActivePinia(createPinia())
  db = freshDb()
  setDatabase(db)
  await seed(db, queueOrders)
  i18n.global.locale.value = 'en'
})

describe('queue helpers', () => {
  it.each([
    ['wh/mo/00001', 1],
    ['drawer', 1],
    ['4006381333931', 1],
    ['LOT-5', 1],
    ['lot-7', 3],
    ['', 1],
  ])('matchesSearch finds %j in work order %i', (query, id) => {
    expect(queueOrders.filter((wo) => matchesSearch(wo, query)).map((wo) => wo.id)).toContain(id)
  })

  it('matchesSearch leaves out what does not match', () => {
    expect(queueOrders.filter((wo) => matchesSearch(wo, 'PANEL')).map((wo) => wo.id)).toEqual([2])
  })

  it('productsOf lists finished products and components once each', () => {
    const withComponent = workOrder(9, { product: DRAWER, components: [{ product: PANEL, qty_required: 2, qty_consumed: 0, tracking: 'none' }] })
    expect(productsOf([withComponent, queueOrders[0] ?? withComponent]).map((p) => p.id)).toEqual([DRAWER.id, PANEL.id])
  })
})

describe('useQueueStore', () => {
  it('shows the open work orders next first: urgent, then by deadline', async () => {
    const queue = useQueueStore()
    await expect.poll(() => queue.visible.map((wo) => wo.id)).toEqual([2, 3, 1])
  })

  it('filters by work center and search, and remembers the work center on this device', async () => {
    const queue = useQueueStore()
    await expect.poll(() => queue.visible.length).toBe(3)
    queue.workCenterId = 1
    expect(queue.visible.map((wo) => wo.id)).toEqual([3, 1])
    queue.search = 'lot-5'
    expect(queue.visible.map((wo) => wo.id)).toEqual([1])
    await expect.poll(() => localStorage.getItem('shopfloor.queue.workCenter')).toBe('1')
  })

  it('shows a page of cards at a time, and starts over when the filter changes', async () => {
    await db.workOrders.bulkPut(
      Array.from({ length: QUEUE_PAGE_SIZE + 7 }, (_, i) => workOrderRow(workOrder(1000 + i), null)),
    )
    const queue = useQueueStore()
    await expect.poll(() => queue.matching.length).toBe(QUEUE_PAGE_SIZE + 10)
    expect(queue.visible).toHaveLength(QUEUE_PAGE_SIZE)
    expect(queue.hiddenCount).toBe(10)
    queue.showMore()
    expect(queue.visible).toHaveLength(QUEUE_PAGE_SIZE + 10)
    expect(queue.hiddenCount).toBe(0)
    queue.search = 'WH/MO/01'
    await expect.poll(() => queue.visible.length).toBe(Math.min(QUEUE_PAGE_SIZE, queue.matching.length))
    expect(queue.shown).toBe(QUEUE_PAGE_SIZE)
  })

  it('reads one page first and the whole queue after it, so a big plant shows its first cards at once', async () => {
    await db.workOrders.bulkPut(
      Array.from({ length: QUEUE_PAGE_SIZE + 7 }, (_, i) => workOrderRow(workOrder(1000 + i), null)),
    )
    const queue = useQueueStore()
    const seen: Array<[number, boolean]> = []
    const scope = effectScope()
    scope.run(() => watch(() => queue.workOrders, (list) => seen.push([list.length, queue.complete]), { flush: 'sync' }))
    await expect.poll(() => queue.complete).toBe(true)
    scope.stop()
    // Before the session's work centers are read the queue is empty; then the first page, then all.
    expect(seen.find(([length]) => length > 0)).toEqual([QUEUE_PAGE_SIZE, false])
    expect(seen.at(-1)).toEqual([QUEUE_PAGE_SIZE + 10, true])
  })

  it('knows which lines are stopped', async () => {
    await db.workCenters.update(2, { open_downtime: { loss_reason_id: 2, since: '2026-11-23T08:00:00Z' } })
    const queue = useQueueStore()
    await expect.poll(() => [...queue.downWorkCenterIds]).toEqual([2])
  })
})

describe('useWorkOrderStore', () => {
  async function openWorkOrder(id: number) {
    const store = useWorkOrderStore()
    store.open(id)
    await expect.poll(() => store.workOrder?.id).toBe(id)
    return store
  }

  it('records a start, confirms it, and undoes it with a pause', async () => {
    const store = await openWorkOrder(1)
    const feedback = useFeedbackStore()
    expect(await store.start()).toBe(true)
    await expect.poll(() => store.workOrder?.is_running).toBe(true)
    const notice = feedback.notices.at(-1)
    expect(notice?.text()).toBe('Started')
    await notice?.undo?.()
    await expect.poll(() => store.workOrder?.is_running).toBe(false)
    expect(await recordedTypes()).toEqual(['workorder.start', 'workorder.pause'])
  })

  it('records one event for a double tap', async () => {
    const store = await openWorkOrder(1)
    const results = await Promise.all([store.start(), store.start()])
    expect(results).toEqual([true, false])
    expect(await recordedTypes()).toEqual(['workorder.start'])
  })

  it('shows a refusal in the operator language and records nothing', async () => {
    const store = await openWorkOrder(3)
    const feedback = useFeedbackStore()
    await showLocale('de')
    expect(await store.finish()).toBe(false)
    expect(feedback.notices.at(-1)?.kind).toBe('error')
    expect(feedback.notices.at(-1)?.text()).toBe('Dieser Arbeitsauftrag ist gesperrt: die Schichtleitung muss ihn zuerst freigeben.')
    expect(await recordedTypes()).toEqual([])
  })

  it('fills the unit into the over-tolerance message', async () => {
    const store = await openWorkOrder(1)
    expect(await store.produce(50)).toBe(false)
    expect(useFeedbackStore().notices.at(-1)?.text()).toBe('Too many: at most 11 × Units can be produced.')
  })

  it('stops and restarts the line of the work center, and the screen sees it', async () => {
    const store = await openWorkOrder(1)
    expect(await store.stopLine(2, 'Blade jammed')).toBe(true)
    await expect.poll(() => store.lineDown).toBe(true)
    expect(await store.resumeLine()).toBe(true)
    await expect.poll(() => store.lineDown).toBe(false)
    expect(await recordedTypes()).toEqual(['downtime.start', 'downtime.end'])
  })

  it('offers the release of holds the server knows, and records it in the name of the supervisor who authorized it', async () => {
    const store = await openWorkOrder(3)
    await expect.poll(() => store.canReleaseHold(held)).toBe(true)
    expect(store.canReleaseHold({ ...held, id: -4 })).toBe(false)
    const session = useSessionStore()
    await expect.poll(() => session.operators.length).toBe(2)
    const marc = session.operators.find((o) => o.id === 8)
    const sofia = session.operators.find((o) => o.id === 9)
    if (!marc || !sofia) throw new Error('fixture')
    expect(await store.release(held.id, marc)).toBe(false)
    expect(useFeedbackStore().notices.at(-1)).toMatchObject({ kind: 'error' })
    expect(await store.release(held.id, sofia)).toBe(true)
    const released = (await getDatabase().outbox.toArray()).find((r) => r.type === 'quality.release')
    expect(released?.event).toMatchObject({ employee_id: 9, payload: { hold_id: held.id } })
    expect(session.operator?.id).toBe(8)
  })
})

describe('session and language', () => {
  it('finds an operator by badge from the database, trimmed', async () => {
    const session = useSessionStore()
    expect((await session.operatorByBadge(' 0419\n'))?.name).toBe('Sofia Supervisor')
    expect(await session.operatorByBadge('9999')).toBeNull()
  })

  it.each([
    ['de', 'fr', 'en-US', 'de'],
    [null, 'fr', 'de-DE', 'fr'],
    [null, null, 'de-AT', 'de'],
    ['it', null, 'es', 'en'],
  ] as const)('operator %s, device %s, browser %s → %s', (op, device, browser, expected) => {
    expect(effectiveLocale(op, device, browser)).toBe(expected)
  })

  it('switches the language with the operator', async () => {
    const session = useSessionStore()
    useLocaleStore()
    await expect.poll(() => session.operator?.id).toBe(8)
    await expect.poll(() => i18n.global.locale.value).toBe('en')
    await session.signIn(9)
    await expect.poll(() => i18n.global.locale.value).toBe('de')
    expect(document.documentElement.lang).toBe('de')
  })
})

describe('useScanStore.handle (scans no screen took)', () => {
  it('signs in the operator of a scanned badge', async () => {
    const session = useSessionStore()
    const scans = useScanStore()
    await expect.poll(() => session.operators.length).toBe(2)
    await scans.handle({ text: '0419', source: 'wedge' })
    await expect.poll(() => session.operator?.name).toBe('Sofia Supervisor')
  })

  it('asks for the PIN of a scanned badge where the terminal wants it, and signs in only with the right one', async () => {
    const session = useSessionStore()
    const scans = useScanStore()
    await expect.poll(() => session.operators.length).toBe(2)
    const paired = await getDatabase().session.get('session')
    if (!paired) throw new Error('fixture')
    const settings = { ...paired.terminal.settings, require_pin: true }
    await getDatabase().session.put({ ...paired, terminal: { ...paired.terminal, settings } })
    await expect.poll(() => session.requirePin).toBe(true)
    await scans.handle({ text: '0419', source: 'wedge' })
    expect(session.pinFor?.name).toBe('Sofia Supervisor')
    expect(router.currentRoute.value.name).toBe('signin')
    await expect(session.signIn(9, '1111')).rejects.toMatchObject({ reason: 'pin_wrong' })
    expect(session.operator?.id).toBe(8)
    await session.signIn(9, '4321')
    expect(session.pinFor).toBeNull()
    await expect.poll(() => session.operator?.name).toBe('Sofia Supervisor')
  })

  it('opens the next work order of a scanned MO', async () => {
    const scans = useScanStore()
    await expect.poll(() => useQueueStore().workOrders.length).toBe(3)
    await scans.handle({ text: 'WH/MO/00002', source: 'camera' })
    expect(router.currentRoute.value.name).toBe('workorder')
    expect(router.currentRoute.value.params.id).toBe('2')
  })

  it('says what is wrong with a malformed GS1 code', async () => {
    const scans = useScanStore()
    await scans.handle({ text: '(01)09506000134353(10)L1', source: 'camera' })
    expect(useFeedbackStore().notices.at(-1)?.text()).toMatch(/^Unreadable GS1 code: GTIN 09506000134353 in \(01\) has a wrong check digit/)
  })
})

describe('useLotScan (a lot field in a dialog)', () => {
  it('takes the lot of a GS1 scan at once, offline too, and names its product', async () => {
    await expect.poll(() => useQueueStore().products.length).toBe(2)
    const lot = ref('')
    const products: string[] = []
    const scope = effectScope()
    scope.run(() => useLotScan(lot, { onProduct: (p) => products.push(p.display_name) }))
    expect(scanBus.publish({ text: `]C101${PANEL.barcode}10B-17${'\u001d'}17271231`, source: 'wedge' })).toBe(true)
    await expect.poll(() => lot.value).toBe('B-17')
    expect(products).toEqual([PANEL.display_name])
    scope.stop()
  })

  it('refuses a badge where a lot is expected and leaves the field alone', async () => {
    await expect.poll(() => useSessionStore().operators.length).toBe(2)
    const lot = ref('L-1')
    const scope = effectScope()
    const scan = scope.run(() => useLotScan(lot))
    await scan?.apply('0418')
    expect(lot.value).toBe('L-1')
    expect(useFeedbackStore().notices.at(-1)?.kind).toBe('error')
    expect(useFeedbackStore().notices.at(-1)?.text()).toBe('This scan means nothing here: 0418')
    scope.stop()
  })
})

describe('supervisor helpers', () => {
  it('lists each active hold once', () => {
    const lotHold = { ...held, id: 5 }
    const a = workOrder(1, { holds: [lotHold, { ...held, id: 6, state: 'released' }] })
    const b = workOrder(2, { holds: [lotHold] })
    expect(activeHolds([a, b]).map((h) => [h.hold.id, h.workOrder.id])).toEqual([[5, 1]])
  })

  it('accepts an edited payload only as a JSON object', () => {
    expect(parseEditedPayload('{"qty": 2}')).toEqual({ qty: 2 })
    expect(() => parseEditedPayload('[1]')).toThrow(SyntaxError)
    expect(() => parseEditedPayload('{qty: 2')).toThrow(SyntaxError)
  })
})

describe('parseWedgeSettings', () => {
  it.each([
    [null, { prefix: '', suffix: '', maxGapMs: 80 }],
    ['not json', { prefix: '', suffix: '', maxGapMs: 80 }],
    ['{"prefix":"§","suffix":"#","maxGapMs":120}', { prefix: '§', suffix: '#', maxGapMs: 120 }],
    ['{"prefix":3,"maxGapMs":9000}', { prefix: '', suffix: '', maxGapMs: 80 }],
  ])('reads %j', (json, expected) => {
    expect(parseWedgeSettings(json)).toEqual(expected)
  })
})
