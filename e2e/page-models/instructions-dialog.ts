import type { Locator, Page } from '@playwright/test'

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
    return this.page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('shopfloor-instruction-files')
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const db = open.result
            if (!db.objectStoreNames.contains('files')) {
              db.close()
              resolve(0)
              return
            }
            const count = db.transaction('files').objectStore('files').count()
            count.onsuccess = () => {
              db.close()
              resolve(count.result)
            }
            count.onerror = () => reject(count.error)
          }
        }),
    )
  }
}
