import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { AppShell } from './page-models/app-shell'
import { PairPage } from './page-models/pair-page'
import { SupervisorPage } from './page-models/supervisor-page'

/**
 * The README's and the operator guide's screenshots of the main screens, on the demo plant, at the
 * two sizes the terminal is built for: a tablet (docs/screenshots/tablet/) and a handheld
 * (docs/screenshots/handheld/). Not part of the normal run (it rewrites those folders): `npm run screenshots`.
 */
const SIZES = [
  { folder: 'tablet', viewport: { width: 1024, height: 768 } },
  { folder: 'handheld', viewport: { width: 412, height: 915 } },
] as const

for (const { folder, viewport } of SIZES) {
  test.describe(`${folder} ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport, deviceScaleFactor: 1 })

    /** Save a screenshot without the passing notices (toasts) and the one-time "ready offline" banner. */
    async function shot(page: Page, name: string): Promise<void> {
      await page.locator('.toast').evaluateAll((toasts) => toasts.forEach((t) => t.remove()))
      await page.locator('.pwa-banner').filter({ hasText: 'ready to work offline' }).evaluateAll((els) => els.forEach((e) => e.remove()))
      await page.screenshot({ path: `docs/screenshots/${folder}/${name}.png`, animations: 'disabled' })
    }

    test('screenshots of the main screens @screenshots', async ({ page, context, pairingCode }) => {
      const shell = new AppShell(page)

      const pairPage = await new PairPage(page).gotoWithCode(pairingCode)
      await pairPage.deviceNameInput.fill('Line 1 tablet')
      await shot(page, 'pairing')
      const signIn = await pairPage.pair('Line 1 tablet')
      await expect(signIn.scanPrompt).toBeVisible()
      const queue = await signIn.scanBadge('BADGE-1005')
      await expect(queue.cards.first()).toBeVisible()
      await shot(page, 'queue')

      const wo = await queue.open('WH/MO/00002', 'Sheet cutting')
      await expect(wo.heading).toBeVisible()
      await shot(page, 'work-order')

      await page.getByRole('button', { name: 'Consume [STL-15] Steel Sheet 1.5 mm' }).click()
      const consume = wo.dialog('Consume [STL-15] Steel Sheet 1.5 mm')
      await consume.field('Lot / serial').fill('STL2411A01')
      await shot(page, 'consume-dialog')
      await consume.button('Cancel').click()

      await context.setOffline(true)
      await wo.stopLineButton.click()
      await wo.dialog('Stop the line').choice('Setup and Adjustments').check()
      await wo.dialog('Stop the line').button('Stop the line').click()
      await shell.syncIndicator.click()
      await page.getByRole('button', { name: 'Sync now' }).click()
      await expect(shell.syncIndicator).toHaveAccessibleName(/^Sync status: Offline since/)
      await shot(page, 'sync')
      await context.setOffline(false)
      await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 15_000 })
      await page.goBack()
      await wo.restartLineButton.click()

      await wo.scrapButton.click()
      await wo.dialog('Scrap').choice('Wrong dimensions').check()
      await wo.dialog('Scrap').typeOnPad('2')
      await shot(page, 'scrap-dialog')
      await wo.dialog('Scrap').button('Cancel').click()

      // A hold of a lot Odoo does not know: the server rejects it, and the supervisor sees why.
      await wo.holdButton.click()
      await wo.dialog('Quality hold').field('Lot (empty: hold the work order)').fill('LOT-9999')
      await wo.dialog('Quality hold').choice('Surface defect').check()
      await shot(page, 'hold-dialog')
      await wo.dialog('Quality hold').button('Put on hold').click()
      await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Attention needed', { timeout: 15_000 })
      await shell.supervisorLink.click()
      const supervisor = new SupervisorPage(page)
      await expect(supervisor.deadLetterItems).toHaveCount(1)
      await supervisor.deadLetterItems.first().scrollIntoViewIfNeeded()
      await shot(page, 'supervisor')
    })
  })
}
