import type { Locator, Page } from '@playwright/test'

/** One failed event on the supervisor screen. */
export class DeadLetterItem {
  readonly resendButton: Locator
  readonly resendWithChangesButton: Locator
  readonly discardButton: Locator
  readonly payload: Locator

  constructor(readonly root: Locator) {
    this.resendButton = root.getByRole('button', { name: 'Resend', exact: true })
    this.resendWithChangesButton = root.getByRole('button', { name: 'Resend with changes' })
    this.discardButton = root.getByRole('button', { name: 'Discard' })
    this.payload = root.getByLabel('Content')
  }
}

/** The discard confirmation: what waits behind the failed event, the reason, the button. */
export class DiscardDialog {
  readonly root: Locator
  readonly heldBehind: Locator
  readonly reason: Locator
  readonly discardButton: Locator

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Discard' })
    this.heldBehind = this.root.getByRole('region', { name: /^Waiting behind this event/ }).getByRole('listitem')
    this.reason = this.root.getByLabel('Why discard it?')
    this.discardButton = this.root.getByRole('button', { name: 'Discard' })
  }
}

/** The supervisor screen. */
export class SupervisorPage {
  readonly heading: Locator
  readonly deadLetterItems: Locator
  readonly noDeadLetters: Locator
  readonly wedgeMaxGap: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Supervisor', level: 1 })
    this.deadLetterItems = page.getByRole('list', { name: 'Failed events' }).getByRole('listitem')
    this.noDeadLetters = page.getByText('No failed event.')
    this.wedgeMaxGap = page.getByLabel('Max. pause between keys (ms)')
  }

  /** Opens the discard confirmation of the n-th failed event. */
  async discard(n: number): Promise<DiscardDialog> {
    await this.deadLetter(n).discardButton.click()
    const dialog = new DiscardDialog(this.page)
    await dialog.root.waitFor()
    return dialog
  }

  /** The n-th failed event, oldest first. */
  deadLetter(n: number): DeadLetterItem {
    return new DeadLetterItem(this.deadLetterItems.nth(n))
  }

  async goto(): Promise<this> {
    await this.page.goto('/#/supervisor')
    await this.heading.waitFor()
    return this
  }

  /**
   * Set the hardware scanner's longest pause between keys, as for a slow (Bluetooth) scanner. The e2e
   * runs use it on a loaded 2-core machine, where Playwright's typed keys can be further apart than a scanner's.
   */
  async setWedgeMaxGap(ms: number): Promise<void> {
    await this.wedgeMaxGap.fill(String(ms))
  }
}
