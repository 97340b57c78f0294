import type { Page } from '@playwright/test'

/**
 * Type a code the way a keyboard-wedge scanner does: one fast burst of keys ended by Enter.
 * One `keyboard.type` call keeps the keys milliseconds apart, as a scanner sends them (separate
 * Playwright calls can be further apart than the detector's 80 ms gap).
 */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code)
  await page.keyboard.press('Enter')
}
