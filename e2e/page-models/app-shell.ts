import type { Locator, Page } from '@playwright/test'

/** What every screen shows: the top bar with the terminal's name, the sync indicator, the scan button, the operator and Supervisor. */
export class AppShell {
  /** The terminal's name, which leads back to the queue. */
  readonly brand: Locator
  readonly syncIndicator: Locator
  readonly scanButton: Locator
  readonly operatorLink: Locator
  readonly supervisorLink: Locator
  readonly notices: Locator

  constructor(readonly page: Page) {
    this.brand = page.getByRole('banner').getByRole('link').first()
    this.syncIndicator = page.getByRole('link', { name: /^Sync status:/ })
    this.scanButton = page.getByRole('button', { name: 'Scan with the camera' })
    this.operatorLink = page.getByRole('link', { name: /^Switch operator:/ })
    this.supervisorLink = page.getByRole('link', { name: 'Supervisor', exact: true })
    this.notices = page.getByRole('status').filter({ has: page.locator('.toast') })
  }

  /** The notice (toast) with this text. */
  notice(text: string | RegExp): Locator {
    return this.page.locator('.toast').filter({ hasText: text })
  }
}
