import type { Locator, Page } from '@playwright/test'

/** What every screen shows: the top bar with the sync indicator, the scan button and the operator. */
export class AppShell {
  readonly syncIndicator: Locator
  readonly scanButton: Locator
  readonly operatorLink: Locator
  readonly supervisorLink: Locator
  readonly notices: Locator

  constructor(readonly page: Page) {
    this.syncIndicator = page.getByRole('link', { name: /^Sync status:/ })
    this.scanButton = page.getByRole('button', { name: 'Scan with the camera' })
    this.operatorLink = page.getByRole('link', { name: /^Switch operator:/ })
    this.supervisorLink = page.getByRole('link', { name: 'Supervisor' })
    this.notices = page.getByRole('status').filter({ has: page.locator('.toast') })
  }

  /** The notice (toast) with this text. */
  notice(text: string | RegExp): Locator {
    return this.page.locator('.toast').filter({ hasText: text })
  }
}
