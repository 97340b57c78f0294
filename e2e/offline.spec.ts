import { expect, test } from './fixtures'
import { AppShell } from './page-models/app-shell'
import { QueuePage } from './page-models/queue-page'

test.describe('offline', () => {
  test('the queue still shows after going offline and reloading', async ({ queuePage, page, context }) => {
    await expect(queuePage.cards.first()).toBeVisible()
    const cardsOnline = await queuePage.cards.allTextContents()
    // The reload must come from the service worker's cache: wait until it controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)

    await context.setOffline(true)
    await page.reload()

    const offlineQueue = new QueuePage(page)
    await expect(offlineQueue.cards).toHaveText(cardsOnline)
    // The operator is told the device is offline (and that work goes on), not left guessing.
    await expect(new AppShell(page).syncIndicator).toHaveAccessibleName(/^Sync status: Offline/)
  })
})
