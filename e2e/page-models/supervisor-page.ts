import type { Locator, Page } from '@playwright/test'

/** The supervisor screen. */
export class SupervisorPage {
  readonly heading: Locator
  readonly deadLetters: Locator
  readonly wedgeMaxGap: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Supervisor', level: 1 })
    this.deadLetters = page.getByRole('heading', { name: 'Failed events' })
    this.wedgeMaxGap = page.getByLabel('Max. pause between keys (ms)')
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
