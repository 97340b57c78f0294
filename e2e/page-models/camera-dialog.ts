import type { Locator, Page } from '@playwright/test'

/** The camera scanner dialog. */
export class CameraDialog {
  readonly root: Locator
  readonly video: Locator
  readonly error: Locator
  readonly closeButton: Locator

  constructor(
    readonly page: Page,
    title = 'Scanner',
  ) {
    this.root = page.getByRole('dialog', { name: title })
    this.video = this.root.locator('video')
    this.error = this.root.getByRole('alert')
    this.closeButton = this.root.getByRole('button', { name: 'Close' })
  }
}
