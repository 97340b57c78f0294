import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { useLiveQuery } from '../composables/useLiveQuery'
import type { Product, WorkCenter, WorkOrder } from '../domain/contract'
import { queries } from '../db'
import { WORK_CENTER_STORAGE_KEY } from '../db/storage-keys'
import { useSessionStore } from './session'

/** Cards shown at first and added by "Show more": a plant's whole backlog would make the screen sluggish. */
export const QUEUE_PAGE_SIZE = 50

/** True when the work order's MO, operation, product (name or barcode) or one of its lots contains the query. */
export function matchesSearch(wo: WorkOrder, query: string): boolean {
  const q = query.trim().toLowerCase()
  if (q === '') return true
  const haystack = [
    wo.production.name,
    wo.name,
    wo.product.display_name,
    wo.product.barcode ?? '',
    ...wo.lots_producing.map((l) => l.name),
    ...wo.holds.map((h) => h.lot_name ?? ''),
  ]
  return haystack.some((s) => s.toLowerCase().includes(q))
}

/** Every product the queue mentions (finished products and components), once each: what scans resolve against offline. */
export function productsOf(workOrders: readonly WorkOrder[]): Product[] {
  const byId = new Map<number, Product>()
  for (const wo of workOrders) {
    byId.set(wo.product.id, wo.product)
    for (const c of wo.components) byId.set(c.product.id, c.product)
  }
  return [...byId.values()]
}

/**
 * The work center queue: the terminal's open work orders, next job first (running, urgent,
 * deadline, MO, sequence: the sync module's `compareQueueOrder`), filtered by work center and search.
 */
export const useQueueStore = defineStore('queue', () => {
  const session = useSessionStore()
  const workCenterIds = computed(() => session.pairing?.terminal.work_center_ids ?? [])

  const centersKey = () => workCenterIds.value.join(',')
  // A cold start with thousands of open work orders would wait for all of them before the first card:
  // one page per work center is read and shown first, and only then the whole queue.
  const firstScreen = useLiveQuery(
    () => queries.queueForWorkCenters(workCenterIds.value, { limit: QUEUE_PAGE_SIZE }),
    null as WorkOrder[] | null,
    { key: centersKey },
  )
  const allOpen = useLiveQuery(
    () => (firstScreen.value === null ? null : queries.queueForWorkCenters(workCenterIds.value)),
    null as WorkOrder[] | null,
    { key: () => `${centersKey()}:${firstScreen.value === null}` },
  )
  /** True once the whole queue is read (before that, `workOrders` is the first screen only). */
  const complete = computed(() => allOpen.value !== null)
  /** The terminal's open work orders, next first: the first screen until the whole queue is read. */
  const workOrders = computed(() => allOpen.value ?? firstScreen.value ?? [])
  /** The terminal's work centers, with their open downtime. */
  const workCenters = useLiveQuery(() => queries.workCenters(), [] as WorkCenter[])
  /** Work orders with a failed event waiting for a supervisor: flagged in the queue. */
  const needingAttention = useLiveQuery(() => queries.workOrdersNeedingAttention(), new Set<number>())
  /** The work center shown, or null for all; remembered on this device. */
  const workCenterId = ref<number | null>(readWorkCenter())
  /** The search text. */
  const search = ref('')

  watch(workCenterId, (id) => {
    if (id === null) localStorage.removeItem(WORK_CENTER_STORAGE_KEY)
    else localStorage.setItem(WORK_CENTER_STORAGE_KEY, String(id))
  })

  /** How many cards are shown; back to one page when the filter changes. */
  const shown = ref(QUEUE_PAGE_SIZE)
  watch([workCenterId, search], () => {
    shown.value = QUEUE_PAGE_SIZE
  })

  /** The work orders that match: of the chosen work center, matching the search, next first. */
  const matching = computed(() =>
    workOrders.value.filter((wo) => (workCenterId.value === null || wo.work_center.id === workCenterId.value) && matchesSearch(wo, search.value)),
  )
  /** The first of them, shown as cards. */
  const visible = computed(() => matching.value.slice(0, shown.value))
  /** Matching work orders not shown yet. */
  const hiddenCount = computed(() => Math.max(0, matching.value.length - shown.value))

  /** Show the next page of cards. */
  function showMore(): void {
    shown.value += QUEUE_PAGE_SIZE
  }

  /** Work centers whose line is stopped (an open downtime). */
  const downWorkCenterIds = computed(() => new Set(workCenters.value.filter((wc) => wc.open_downtime !== null).map((wc) => wc.id)))

  /** Products known from the queue, for scan resolution and scrap. */
  const products = computed(() => productsOf(workOrders.value))

  /** The work center record of a work order, with its downtime state. */
  function workCenterOf(wo: WorkOrder): WorkCenter | undefined {
    return workCenters.value.find((wc) => wc.id === wo.work_center.id)
  }

  return {
    workOrders,
    complete,
    workCenters,
    workCenterId,
    search,
    shown,
    matching,
    visible,
    hiddenCount,
    downWorkCenterIds,
    needingAttention,
    products,
    showMore,
    workCenterOf,
  }
})

function readWorkCenter(): number | null {
  const stored = globalThis.localStorage?.getItem(WORK_CENTER_STORAGE_KEY) ?? null
  return stored === null || Number.isNaN(Number(stored)) ? null : Number(stored)
}

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useQueueStore, import.meta.hot))
