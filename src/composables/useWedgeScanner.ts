import { onScopeDispose } from 'vue'
import { scanBus } from '../scan/scan-bus'
import { isEditableTarget, WedgeDetector, type WedgeOptions } from '../scan/wedge-detector'

export interface UseWedgeScannerOptions extends WedgeOptions {
  /** Where scans go; by default onto the app's scan bus. */
  onScan?: (code: string) => void
  /** The element listened on; by default the window, so scans work wherever the focus is. */
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>
}

export interface UseWedgeScannerReturn {
  /** Forget a burst in progress (e.g. when a dialog opens). */
  reset(): void
}

/**
 * Listen for keyboard-wedge scans everywhere in the app. Keys that belong to a scan are stopped
 * before anything else sees them (capture phase), so a scan's Enter never clicks a focused button.
 */
export function useWedgeScanner(options: UseWedgeScannerOptions = {}): UseWedgeScannerReturn {
  const { onScan = (text: string) => void scanBus.publish({ text, source: 'wedge' }), target = window, ...wedge } = options
  const detector = new WedgeDetector(wedge, onScan)

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.isComposing) return
    const decision = detector.handleKey({
      key: e.key,
      ctrlKey: e.ctrlKey,
      altKey: e.altKey,
      metaKey: e.metaKey,
      inEditable: isEditableTarget(e.target),
    })
    if (decision === 'consume') {
      e.preventDefault()
      e.stopPropagation()
    }
  }

  target.addEventListener('keydown', onKeyDown, { capture: true })
  onScopeDispose(() => target.removeEventListener('keydown', onKeyDown, { capture: true }))

  return { reset: () => detector.reset() }
}
