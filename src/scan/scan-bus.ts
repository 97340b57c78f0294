/**
 * One way in for every scan, whatever read it (camera, keyboard wedge, typed by hand): the screen
 * or dialog on top handles it. Handlers form a stack so an open dialog takes scans from the screen
 * beneath it and gives them back when it closes.
 */

export type ScanSource = 'camera' | 'wedge' | 'manual'

export interface Scan {
  text: string
  source: ScanSource
}

/** Returns true when the scan was used, false to let the handler beneath try. */
export type ScanHandler = (scan: Scan) => boolean

export class ScanBus {
  private handlers: ScanHandler[] = []

  /** Put `handler` on top; the returned function removes it. */
  subscribe(handler: ScanHandler): () => void {
    this.handlers.push(handler)
    return () => {
      this.handlers = this.handlers.filter((h) => h !== handler)
    }
  }

  /** Offer a scan from the top handler down; true when one used it. */
  publish(scan: Scan): boolean {
    for (let i = this.handlers.length - 1; i >= 0; i--) {
      if (this.handlers[i]?.(scan) === true) return true
    }
    return false
  }
}

/** The app's scan bus. */
export const scanBus = new ScanBus()
