import type { Locator, Page } from '@playwright/test'
import { storedRows } from './device-storage'

/** The work instructions dialog of the work order screen. */
export class InstructionsDialog {
  readonly root: Locator
  readonly openButton: Locator
  readonly image: Locator
  readonly pdf: Locator

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Work instructions' })
    this.openButton = page.getByRole('button', { name: '📄 Instructions' })
    this.image = this.root.getByRole('figure').getByRole('img')
    this.pdf = this.root.getByRole('figure').locator('iframe')
  }

  /** The button that opens one of the operation's files. */
  file(name: string): Locator {
    return this.root.getByRole('button', { name })
  }

  /** How many instruction files this device keeps for offline use (its own IndexedDB database). */
  keptFiles(): Promise<number> {
    return storedRows(this.page, 'shopfloor-instruction-files', 'files')
  }
}
