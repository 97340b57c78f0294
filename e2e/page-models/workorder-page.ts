import type { Locator, Page } from '@playwright/test'

/** A dialog of the work order screen, by its title. */
export class WorkOrderDialog {
  readonly root: Locator

  constructor(
    readonly page: Page,
    title: string,
  ) {
    this.root = page.getByRole('dialog', { name: title })
  }

  /** Type a number on the big numeric pad. */
  async typeOnPad(digits: string): Promise<void> {
    for (const d of digits) {
      await this.root.getByRole('button', { name: d === '.' ? 'Decimal point' : `Digit ${d}`, exact: true }).click()
    }
  }

  /** Empty the numeric pad (a dialog may prefill it). */
  async clearPad(): Promise<void> {
    await this.root.getByRole('button', { name: 'Clear', exact: true }).click()
  }

  /** A choice (reason, product) of a big radio list. */
  choice(name: string): Locator {
    return this.root.getByRole('radio', { name })
  }

  field(label: string): Locator {
    return this.root.getByLabel(label, { exact: true })
  }

  button(name: string): Locator {
    return this.root.getByRole('button', { name, exact: true })
  }
}

/** The work order screen. */
export class WorkOrderPage {
  readonly heading: Locator
  readonly state: Locator
  readonly produced: Locator
  readonly startButton: Locator
  readonly resumeButton: Locator
  readonly pauseButton: Locator
  readonly produceButton: Locator
  readonly finishButton: Locator
  readonly scrapButton: Locator
  readonly holdButton: Locator
  readonly stopLineButton: Locator
  readonly restartLineButton: Locator
  readonly holds: Locator
  readonly alerts: Locator
  readonly components: Locator
  readonly closeProductionButton: Locator
  /** Events recorded here that wait behind a failed one. */
  readonly waitingEvents: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 })
    this.state = page.locator('.meta .badge')
    this.produced = page.getByRole('region', { name: 'Produced' }).locator('.qty-big')
    this.startButton = page.getByRole('button', { name: '▶ Start' })
    this.resumeButton = page.getByRole('button', { name: '▶ Resume' })
    this.pauseButton = page.getByRole('button', { name: '‖ Pause' })
    this.produceButton = page.getByRole('button', { name: '+ Report quantity' })
    this.finishButton = page.getByRole('button', { name: '✓ Finish' })
    this.scrapButton = page.getByRole('button', { name: 'Scrap', exact: true })
    this.holdButton = page.getByRole('button', { name: '⚠ Quality hold' })
    this.stopLineButton = page.getByRole('button', { name: '■ Stop the line' })
    this.restartLineButton = page.getByRole('button', { name: 'Restart the line' })
    this.holds = page.getByRole('list', { name: 'Quality holds' }).getByRole('listitem')
    this.alerts = page.getByRole('alert')
    this.components = page.getByRole('region', { name: 'Components' })
    this.closeProductionButton = page.getByRole('button', { name: '⏏ Close production' })
    this.waitingEvents = page.getByRole('region', { name: /^Waiting behind the failed event/ }).getByRole('listitem')
  }

  /** The components table's row of a product (by its display name). */
  componentRow(product: string): Locator {
    return this.components.getByRole('row').filter({ hasText: product })
  }

  dialog(title: string): WorkOrderDialog {
    return new WorkOrderDialog(this.page, title)
  }
}
