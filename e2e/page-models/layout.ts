import type { Locator, Page } from '@playwright/test'

/** The screen sizes the terminal is built for (issue 14): two handhelds and a tablet. */
export const SCREEN_SIZES = [
  { name: 'small handheld', width: 360, height: 740 },
  { name: 'handheld', width: 412, height: 915 },
  { name: 'tablet', width: 1024, height: 768 },
] as const

/** How wide the page is against the viewport, in CSS pixels. */
export interface PageWidths {
  viewport: number
  /** The document's scroll width: more than the viewport means a horizontal scroll. */
  document: number
  /** How far the page is scrolled sideways (0 when nothing overflows). */
  scrollX: number
  /** An open modal dialog's right edge and scroll width, or null without one. */
  dialog: { right: number; scrollWidth: number; clientWidth: number } | null
}

/** Measure the page and its open dialog (a modal dialog sits in the top layer, outside the document's width). */
export function pageWidths(page: Page): Promise<PageWidths> {
  return page.evaluate(() => {
    const open = document.querySelector<HTMLDialogElement>('dialog[open]')
    return {
      viewport: window.innerWidth,
      document: document.documentElement.scrollWidth,
      scrollX: window.scrollX,
      dialog: open === null ? null : { right: open.getBoundingClientRect().right, scrollWidth: open.scrollWidth, clientWidth: open.clientWidth },
    }
  })
}

/**
 * Whether something else is drawn over the middle of an element (a notice, a sticky bar): the
 * element the browser would hit there, when it is not the element itself or inside it.
 */
export function coveredBy(locator: Locator): Promise<string | null> {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect()
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
    return hit === null || el.contains(hit) ? null : `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}: ${hit.textContent?.trim() ?? ''}`
  })
}
