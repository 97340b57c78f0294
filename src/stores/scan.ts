import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { compareQueueOrder, isOpen } from '../domain/queue'
import { badgeCandidate, resolveScan, type ResolveOptions, type ScanCatalog, type ScanResolution } from '../domain/scan'
import { queries } from '../db'
import { i18n } from '../i18n'
import { router } from '../router'
import { confirmScan, rejectScan } from '../scan/feedback'
import type { Scan } from '../scan/scan-bus'
import * as sync from '../sync'
import { errorMessage } from '../i18n/error-message'
import { useFeedbackStore } from './feedback'
import { useQueueStore } from './queue'
import { useSessionStore } from './session'

/** A scan and what it turned out to be. */
export interface ResolvedScan {
  scan: Scan
  resolution: ScanResolution
}

/** Words for a scan that means nothing where it was made. */
export function unrecognisedText(resolution: Extract<ScanResolution, { kind: 'unrecognised' }>): string {
  const { t } = i18n.global
  switch (resolution.reason) {
    case 'gs1_invalid':
      return t('scanner.gs1Invalid', { message: resolution.gs1Error?.message ?? resolution.text })
    case 'product_unknown':
      return t('scanner.productUnknown')
    case 'empty':
    case 'no_match':
      return t('scanner.notRecognised', { text: resolution.text })
    default:
      throw new Error(`unknown reason ${String(resolution.reason satisfies never)}`)
  }
}

/**
 * Every scan of the app, from the camera or a hardware scanner: resolved against the data on the
 * device (so it works offline), a lot checked with the server when online, and, when no screen or
 * dialog took it, acted on: a badge signs in, an MO opens its work order, a lot or product filters the queue.
 */
export const useScanStore = defineStore('scan', () => {
  const session = useSessionStore()
  const queue = useQueueStore()
  const feedback = useFeedbackStore()
  const { t } = i18n.global

  /** The last scan and its meaning, for the screens that show it. */
  const last = shallowRef<ResolvedScan | null>(null)

  const catalog = computed<ScanCatalog>(() => ({ operators: session.operators, products: queue.products, workOrders: queue.workOrders }))

  /** What a scanned text means, from the data on the device only, badges aside (they need a hash: {@link resolveOnDevice}). */
  function resolveLocal(text: string, options: ResolveOptions = {}): ScanResolution {
    return resolveScan(text, catalog.value, options)
  }

  /**
   * What a scanned text means from the data on the device, badges included: a badge is known only by
   * its salted hash, so the scan is hashed first (one PBKDF2 derivation, offline).
   */
  async function resolveOnDevice(text: string, options: ResolveOptions = {}): Promise<ScanResolution> {
    const candidate = badgeCandidate(text)
    const badgeHash = candidate === null ? null : await sync.badgeHash(candidate)
    return resolveLocal(text, { ...options, badgeHash })
  }

  /**
   * What a scanned text means here. A lot the device does not know is looked up on the server
   * (and kept for offline use); offline it stays unknown and the server validates it at replay.
   */
  async function resolve(text: string, options: ResolveOptions = {}): Promise<ScanResolution> {
    const resolution = await resolveOnDevice(text, options)
    if (resolution.kind !== 'lot' || resolution.known) return resolution
    try {
      const { lot } = await sync.lookupLot(resolution.lotName, resolution.product?.id)
      if (lot === null) return resolution
      return { ...resolution, known: true, product: resolution.product ?? lot.product, expiryDate: resolution.expiryDate ?? lot.expiration_date }
    } catch (e) {
      console.warn('lot lookup failed', e)
      return resolution
    }
  }

  async function openProduction(workOrders: Parameters<typeof compareQueueOrder>[0][]): Promise<void> {
    const next = workOrders.filter(isOpen).sort(compareQueueOrder)[0] ?? workOrders[0]
    if (next !== undefined) await router.push({ name: 'workorder', params: { id: next.id } })
  }

  async function showInQueue(search: string): Promise<void> {
    queue.search = search
    queue.workCenterId = null
    await router.push({ name: 'queue' })
  }

  async function act(resolution: ScanResolution): Promise<void> {
    switch (resolution.kind) {
      case 'operator':
        if (session.requirePin) {
          session.askPin(resolution.operator)
          if (router.currentRoute.value.name !== 'signin') await router.push({ name: 'signin', query: { redirect: router.currentRoute.value.fullPath } })
          return
        }
        await session.signIn(resolution.operator.id)
        feedback.notify('success', () => t('signin.welcome', { name: resolution.operator.name }))
        if (router.currentRoute.value.name === 'signin') await router.push({ name: 'queue' })
        return
      case 'production':
        await openProduction(resolution.workOrders)
        return
      case 'lot': {
        feedback.notify('info', () => [t('scanner.lotScanned', { lot: resolution.lotName }), resolution.product?.display_name].filter(Boolean).join(' · '))
        const producing = (await queries.workOrdersByLot(resolution.lotName)).filter(isOpen)
        if (producing.length === 1 && producing[0] !== undefined) await router.push({ name: 'workorder', params: { id: producing[0].id } })
        else await showInQueue(resolution.lotName)
        return
      }
      case 'serial':
        feedback.notify('info', () => [resolution.serial, resolution.product?.display_name].filter(Boolean).join(' · '))
        await showInQueue(resolution.serial)
        return
      case 'product':
        await showInQueue(resolution.product.display_name)
        return
      case 'pairing':
        await router.push({ name: 'pair', query: { code: resolution.pairing.code, server: resolution.pairing.serverUrl ?? undefined } })
        return
      case 'unrecognised':
        feedback.notify('error', () => unrecognisedText(resolution))
        return
      default:
        throw new Error(`unknown scan kind ${String(resolution satisfies never)}`)
    }
  }

  /** Handle a scan no screen took (the bottom of the scan bus). */
  async function handle(scan: Scan): Promise<void> {
    try {
      const resolution = await resolve(scan.text)
      last.value = { scan, resolution }
      if (resolution.kind === 'unrecognised') rejectScan()
      else confirmScan()
      await act(resolution)
    } catch (e) {
      rejectScan()
      feedback.notify('error', () => errorMessage(e))
    }
  }

  return { last, resolveLocal, resolveOnDevice, resolve, handle }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useScanStore, import.meta.hot))
