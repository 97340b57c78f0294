import type { Ref } from 'vue'
import { i18n } from '../i18n'
import { confirmScan, rejectScan } from '../scan/feedback'
import type { Product } from '../domain/contract'
import { useFeedbackStore } from '../stores/feedback'
import { unrecognisedText, useScanStore } from '../stores/scan'
import { useScanHandler } from './useScanHandler'

export interface UseLotScanOptions {
  /** Called when the scan also named a product (GS1 (01) or a product barcode). */
  onProduct?: (product: Product) => void
}

export interface UseLotScanReturn {
  /** Apply a scanned text to the lot field (camera codes come here from the scan field); resolves once it did. */
  apply(text: string): Promise<void>
}

/**
 * Fill a lot/serial field from scans while the calling dialog is open: hardware-scanner scans
 * anywhere and camera scans. GS1 codes give their (10) lot or (21) serial; a plain code is the lot name.
 */
export function useLotScan(lot: Ref<string>, options: UseLotScanOptions = {}): UseLotScanReturn {
  const { onProduct = () => undefined } = options
  const scans = useScanStore()
  const feedback = useFeedbackStore()

  // On the device only, so the field fills at once even on a slow network; the server checks the lot at
  // replay. A badge is refused, which takes hashing the scan first.
  async function apply(text: string): Promise<void> {
    const resolution = await scans.resolveOnDevice(text, { expect: 'lot' })
    switch (resolution.kind) {
      case 'lot':
        lot.value = resolution.lotName
        if (resolution.product !== null) onProduct(resolution.product)
        confirmScan()
        return
      case 'serial':
        lot.value = resolution.serial
        if (resolution.product !== null) onProduct(resolution.product)
        confirmScan()
        return
      case 'product':
        onProduct(resolution.product)
        confirmScan()
        return
      case 'unrecognised':
        rejectScan()
        feedback.notify('error', () => unrecognisedText(resolution))
        return
      default:
        rejectScan()
        feedback.notify('error', () => i18n.global.t('scanner.notHere', { text }))
    }
  }

  useScanHandler((scan) => {
    void apply(scan.text)
    return true
  })

  return { apply }
}
