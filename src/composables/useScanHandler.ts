import { onScopeDispose } from 'vue'
import { scanBus, type ScanHandler } from '../scan/scan-bus'

/**
 * Take scans while the calling component is alive: the newest caller (an open dialog) gets them
 * first; returning false passes a scan to the one beneath.
 */
export function useScanHandler(handler: ScanHandler): void {
  const unsubscribe = scanBus.subscribe(handler)
  onScopeDispose(unsubscribe)
}
