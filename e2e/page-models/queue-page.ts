import type { Locator, Page } from '@playwright/test'
import { WorkOrderPage } from './workorder-page'

/** The work order queue. */
export class QueuePage {
  readonly search: Locator
  readonly workCenter: Locator
  readonly list: Locator
  readonly cards: Locator

  constructor(readonly page: Page) {
    this.search = page.getByRole('searchbox', { name: 'Search MO, product or lot' })
    this.workCenter = page.getByRole('combobox', { name: 'Work center' })
    this.list = page.getByRole('list', { name: 'Work order queue' })
    this.cards = this.list.getByRole('link')
  }

  /** The queue card of a work order, by MO name and operation. */
  card(moName: string, operation?: string): Locator {
    const byMo = this.cards.filter({ hasText: moName })
    return operation === undefined ? byMo : byMo.filter({ hasText: operation })
  }

  /** Open a work order from the queue. */
  async open(moName: string, operation: string): Promise<WorkOrderPage> {
    await this.search.fill(moName)
    await this.card(moName, operation).click()
    return new WorkOrderPage(this.page)
  }
}
