import type { APIRequestContext, Locator, Page } from '@playwright/test'
import type { WorkOrder } from '../src/domain/contract'
import { expect, test } from './fixtures'
import { AppShell } from './page-models/app-shell'
import { SCREEN_SIZES, coveredBy, pageWidths } from './page-models/layout'
import { PairPage } from './page-models/pair-page'
import { QueuePage } from './page-models/queue-page'
import { SupervisorPage } from './page-models/supervisor-page'
import { isFreeToStart, readRecorded, serverWorkOrders } from './page-models/terminal-data'
import type { WorkOrderDialog, WorkOrderPage } from './page-models/workorder-page'

/**
 * Issue 14: from a 360 px handheld to a 1024 px tablet, no screen scrolls sideways (document width ≤
 * viewport) and each screen's main actions are in view without scrolling. The work orders are ready
 * ones of the demo plant that the other specs do not name (WH/MO/00001 and 00002 are theirs).
 */

/** The document (and an open dialog) is no wider than the viewport, and the page is not scrolled sideways. */
async function expectFits(page: Page, screen: string): Promise<void> {
  const widths = await pageWidths(page)
  expect.soft(widths.document, `${screen}: document width`).toBeLessThanOrEqual(widths.viewport)
  expect.soft(widths.scrollX, `${screen}: sideways scroll`).toBe(0)
  if (widths.dialog !== null) {
    expect.soft(widths.dialog.right, `${screen}: dialog's right edge`).toBeLessThanOrEqual(widths.viewport)
    expect.soft(widths.dialog.scrollWidth, `${screen}: dialog's content width`).toBeLessThanOrEqual(widths.dialog.clientWidth)
  }
}

/** Every locator is wholly inside the viewport, as the screen opened (nothing scrolled). */
async function expectInView(screen: string, ...locators: Locator[]): Promise<void> {
  for (const locator of locators) await expect.soft(locator, `${screen}: ${locator.toString()} in view`).toBeInViewport({ ratio: 1 })
}

/** The top bar's buttons: the terminal name, sync, scan, operator and supervisor, all on screen. */
async function expectTopBar(shell: AppShell, screen: string): Promise<void> {
  await expectInView(`${screen}, top bar`, shell.brand, shell.syncIndicator, shell.scanButton, shell.operatorLink, shell.supervisorLink)
}

/** A ready work order nobody else's spec names, with a lot-tracked product when there is one (its dialogs are the fullest). */
async function pickWorkOrder(request: APIRequestContext, page: Page, offset: number): Promise<WorkOrder> {
  const { token } = await readRecorded(page)
  const free = (await serverWorkOrders(request, token)).filter((wo) => wo.id <= 48 && isFreeToStart(wo) && !['WH/MO/00001', 'WH/MO/00002'].includes(wo.production.name))
  const tracked = free.filter((wo) => wo.product.tracking === 'lot')
  const wo = (tracked.length > offset ? tracked : free).at(offset)
  if (wo === undefined) throw new Error('the demo plant has no ready work order left for the layout checks: raise SHOPFLOOR_DEMO_WORKORDERS')
  return wo
}

/** The pad, the submit button and the hint of a dialog with a numeric pad are all in view. */
async function expectPadDialog(dialog: WorkOrderDialog, screen: string, submit: string): Promise<void> {
  await expectFits(dialog.page, screen)
  await expectInView(screen, dialog.button('Digit 7'), dialog.button('Digit 0'), dialog.button(submit))
}

async function openWorkOrder(queue: QueuePage, wo: WorkOrder): Promise<WorkOrderPage> {
  const page = await queue.open(wo.production.name, wo.name)
  await expect(page.heading).toHaveText(`${wo.production.name} · ${wo.name}`)
  return page
}

for (const size of SCREEN_SIZES) {
  test.describe(`${size.name} ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } })

    test('every screen and dialog fits the width, with its main actions in view', async ({ page, request, pairingCode }) => {
      const shell = new AppShell(page)
      const pair = await new PairPage(page).gotoWithCode(pairingCode)
      await expect(pair.codeInput).toHaveValue(pairingCode)
      await expectFits(page, 'pair')
      await expectInView('pair', pair.heading, pair.scanQrButton)

      const signIn = await pair.pair(`Layout ${size.width}`)
      await expect(signIn.heading).toBeVisible()
      await expectFits(page, 'sign in')
      await expectInView('sign in', signIn.heading, page.getByRole('button', { name: 'Scan with the camera' }).last())

      await signIn.operator('Emma Johnson').click()
      const queue = new QueuePage(page)
      await expect(queue.cards.first()).toBeVisible()
      await expectFits(page, 'queue')
      await expectTopBar(shell, 'queue')
      await expectInView('queue', queue.search, queue.cards.first())

      const target = await pickWorkOrder(request, page, SCREEN_SIZES.indexOf(size))
      const wo = await openWorkOrder(queue, target)
      await expectFits(page, 'work order')
      await expectTopBar(shell, 'work order')
      await expectInView('work order', wo.startButton, wo.produceButton, wo.finishButton, wo.scrapButton, wo.holdButton, wo.stopLineButton)

      // A notice (here "Started") shows without covering the actions, and closes by hand.
      await wo.startButton.click()
      await expect(shell.notice('Started')).toBeVisible()
      await expectFits(page, 'work order with a notice')
      for (const action of [wo.pauseButton, wo.produceButton, wo.finishButton, wo.scrapButton, wo.holdButton, wo.stopLineButton]) {
        expect.soft(await coveredBy(action), `${action.toString()} is not covered`).toBeNull()
      }
      await shell.notice('Started').getByRole('button', { name: 'Close' }).click()
      await expect(shell.notice('Started')).toHaveCount(0)

      await wo.produceButton.click()
      const produce = wo.dialog('Report quantity')
      await expectPadDialog(produce, 'report quantity', 'OK')
      await produce.clearPad()
      await expect(produce.button('OK')).toBeDisabled()
      await expect(produce.button('OK')).toHaveAccessibleDescription(/Enter the quantity on the pad/)
      await produce.button('Cancel').click()

      await wo.scrapButton.click()
      const scrap = wo.dialog('Scrap')
      await expectPadDialog(scrap, 'scrap', 'Record scrap')
      await expect(scrap.button('Record scrap')).toBeDisabled()
      await expect(scrap.root.getByText('Enter the quantity on the pad')).toBeInViewport()
      await scrap.button('Cancel').click()

      await wo.holdButton.click()
      const hold = wo.dialog('Quality hold')
      await expectFits(page, 'quality hold')
      await expectInView('quality hold', hold.field('Lot (empty: hold the work order)'), hold.button('Put on hold'))
      await expect(hold.button('Put on hold')).toHaveAccessibleDescription(/Choose a reason/)
      await hold.button('Cancel').click()

      await wo.pauseButton.click()
      const pause = wo.dialog('Pause')
      await expectFits(page, 'pause')
      await expectInView('pause', pause.button('Pause'))
      // Paused again, so no work order of the demo plant stays running for the other specs.
      await pause.button('Pause').click()
      await expect(wo.resumeButton).toBeVisible()

      await wo.stopLineButton.click()
      const stop = wo.dialog('Stop the line')
      await expectFits(page, 'stop the line')
      await expectInView('stop the line', stop.button('Stop the line'))
      await stop.button('Cancel').click()

      await wo.finishButton.click()
      const finish = page.getByRole('dialog', { name: 'Finish' })
      await expectFits(page, 'finish')
      await expectInView('finish', finish.getByRole('button', { name: 'Cancel' }))
      await finish.getByRole('button', { name: 'Cancel' }).click()

      await shell.syncIndicator.click()
      const syncNow = page.getByRole('button', { name: 'Sync now' })
      await expect(syncNow).toBeVisible()
      await expectFits(page, 'sync')
      await expectInView('sync', syncNow)

      await shell.supervisorLink.click()
      const supervisor = new SupervisorPage(page)
      await expect(supervisor.heading).toBeVisible()
      await expectFits(page, 'supervisor')
      await expectInView('supervisor', supervisor.heading, page.getByRole('button', { name: 'Check unconfirmed events with the server' }))
    })
  })
}
