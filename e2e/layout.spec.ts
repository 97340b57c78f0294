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

/**
 * A ready work order of the layout checks' own range (beyond the 96 that the demo and recovery.spec.ts use:
 * playwright.config.ts seeds 192): lot-tracked with no lot yet first (its dialogs are the fullest), else
 * untracked. Each test starts the one it gets, so the next test gets another.
 */
async function pickWorkOrder(request: APIRequestContext, page: Page): Promise<WorkOrder> {
  const { token } = await readRecorded(page)
  const free = (await serverWorkOrders(request, token)).filter((wo) => wo.id > 96 && isFreeToStart(wo))
  const wo =
    free.find((candidate) => candidate.product.tracking === 'lot' && candidate.lots_producing.length === 0) ??
    free.find((candidate) => candidate.product.tracking === 'none')
  if (wo === undefined) throw new Error('the demo plant has no ready work order left for the layout checks: raise SHOPFLOOR_DEMO_WORKORDERS')
  return wo
}

/** The pad, the submit button and the hint of a dialog with a numeric pad are all in view. */
async function expectPadDialog(dialog: WorkOrderDialog, screen: string, submit: string): Promise<void> {
  await expectFits(dialog.page, screen)
  await expectInView(screen, dialog.button('Digit 7'), dialog.button('Digit 0'), dialog.button(submit))
}

/** The lot or serial field of a dialog, as it is labelled for the work order's product. */
function lotField(dialog: WorkOrderDialog, wo: WorkOrder): Locator {
  return dialog.field(wo.product.tracking === 'serial' ? 'Serial number' : 'Lot / serial')
}

async function openWorkOrder(queue: QueuePage, wo: WorkOrder): Promise<WorkOrderPage> {
  const page = await queue.open(wo.production.name, wo.name)
  await expect(page.heading).toHaveText(`${wo.production.name} · ${wo.name}`)
  return page
}

// Each test walks a dozen screens and dialogs: more than the default 30 s on a loaded machine.
test.describe.configure({ timeout: 120_000 })

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

      const target = await pickWorkOrder(request, page)
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
      // A refusal on the spot (too many) shows in the dialog, which hides the notices under the top bar.
      if (target.product.tracking !== 'none') await lotField(produce, target).fill('LAYOUT0001')
      await produce.typeOnPad('99999')
      await produce.button('OK').click()
      await expect(produce.root.getByRole('alert')).toBeVisible()
      await expectInView('report quantity, refused', produce.root.getByRole('alert'), produce.button('OK'))
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

      // The supervisor gate (the sign-in's PIN dialog with a badge field): the whole screen on a handheld,
      // its fields, its grey button and the line saying why in view.
      await supervisor.changeSettingsButton.click()
      await expect(supervisor.gate.root).toBeVisible()
      await expectFits(page, 'supervisor gate')
      if (size.width <= 700) expect.soft(await supervisor.gate.root.boundingBox(), 'supervisor gate: the whole screen').toEqual({ x: 0, y: 0, width: size.width, height: size.height })
      await expectInView('supervisor gate', supervisor.gate.badge, supervisor.gate.pin, supervisor.gate.authorizeButton, supervisor.gate.root.getByText('Scan or type your badge.'))
      await supervisor.gate.root.getByRole('button', { name: 'Cancel' }).click()
      await expect(supervisor.gate.root).toBeHidden()
    })
  })
}

/** Every width from the small handheld to a wide screen, past each of the layout's breakpoints (700, 900 and 1000 px). */
const SWEEP_WIDTHS = [360, 390, 412, 480, 600, 700, 701, 768, 899, 900, 999, 1000, 1024, 1280]

/** The page fits each width of SWEEP_WIDTHS with the top bar's buttons in view; the viewport is put back after. */
async function expectFitsEveryWidth(page: Page, shell: AppShell, screen: string): Promise<void> {
  const size = page.viewportSize()
  for (const width of SWEEP_WIDTHS) {
    await page.setViewportSize({ width, height: size?.height ?? 915 })
    await expectFits(page, `${screen} at ${width} px`)
    await expectTopBar(shell, `${screen} at ${width} px`)
  }
  if (size !== null) await page.setViewportSize(size)
}

test.describe('the handheld walk at 412×915', () => {
  test.use({ viewport: { width: 412, height: 915 } })

  test('pair, sign in, start, quantity, scrap, hold, finish, supervisor: never a sideways scroll', async ({ page, request, pairingCode, context }) => {
    const shell = new AppShell(page)
    const pair = await new PairPage(page).gotoWithCode(pairingCode)
    await expectFits(page, 'pair')
    const signIn = await pair.pair('Handheld walk')
    await expect(signIn.heading).toBeVisible()
    await expectFits(page, 'sign in')
    await signIn.operator('Emma Johnson').click()
    const queue = new QueuePage(page)
    await expect(queue.cards.first()).toBeVisible()
    await expectFits(page, 'queue')

    const target = await pickWorkOrder(request, page)
    const lotName = target.product.tracking === 'none' ? null : 'WALK0001'
    const qty = target.product.tracking === 'serial' ? 1 : 2
    const wo = await openWorkOrder(queue, target)
    await wo.startButton.click()
    await expect(wo.pauseButton).toBeVisible()
    await expectFits(page, 'started')

    await wo.produceButton.click()
    const produce = wo.dialog('Report quantity')
    await produce.clearPad()
    await produce.typeOnPad(String(qty))
    if (lotName !== null) await lotField(produce, target).fill(lotName)
    await expectPadDialog(produce, 'report quantity, filled', 'OK')
    await produce.button('OK').click()
    await expect(wo.produced).toHaveText(String(qty))
    await expectFits(page, 'quantity reported')

    await wo.scrapButton.click()
    const scrap = wo.dialog('Scrap')
    await scrap.typeOnPad('1')
    if (lotName !== null) await lotField(scrap, target).fill(lotName)
    await expectPadDialog(scrap, 'scrap, filled', 'Record scrap')
    await scrap.button('Record scrap').click()
    await expect(scrap.root).toHaveCount(0)
    await expectFits(page, 'scrap recorded')
    await expect.poll(async () => (await readRecorded(page)).events.filter((e) => e.status === 'pending').length, { timeout: 15_000 }).toBe(0)

    // Offline, a hold of a lot Odoo does not know: it waits, and the top bar says since when and how many.
    await context.setOffline(true)
    await wo.holdButton.click()
    const hold = wo.dialog('Quality hold')
    await hold.field('Lot (empty: hold the work order)').fill('LOT-WALK-404')
    await hold.choice('Surface defect').check()
    await hold.button('Put on hold').click()
    await expect(hold.root).toHaveCount(0)
    await shell.syncIndicator.click()
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect(shell.syncIndicator).toHaveAccessibleName(/^Sync status: Offline since .+ · 1 waiting$/)
    await expectFitsEveryWidth(page, shell, 'offline with 1 waiting')

    // Back online the server refuses the hold: "Attention needed", still in one row.
    await context.setOffline(false)
    await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Attention needed', { timeout: 15_000 })
    await page.goBack()
    await expect(wo.heading).toBeVisible()
    await expectFitsEveryWidth(page, shell, 'attention needed')

    await wo.finishButton.click()
    const finish = page.getByRole('dialog', { name: 'Finish' })
    await expectFits(page, 'finish')
    await finish.getByRole('button', { name: /^Finish/ }).click()
    await expect(finish).toHaveCount(0)
    await expectFits(page, 'finished')

    await shell.supervisorLink.click()
    const supervisor = new SupervisorPage(page)
    await expect(supervisor.deadLetterItems).toHaveCount(1)
    await expectFits(page, 'supervisor with a failed event')
  })
})

test.describe('notices', () => {
  // Playwright's clock, so the test can let time pass without waiting for it.
  test.use({ deviceClockOffsetMs: 0 })

  test('go along with the screen change they announce, and stay behind otherwise', async ({ queuePage, page, operator }) => {
    const shell = new AppShell(page)
    await expect(queuePage.list).toBeVisible()
    await expect(shell.notice(`Hello ${operator.name}`)).toBeVisible()
    // Longer than NOTICE_CARRY_MS (src/stores/feedback.ts), shorter than the notice's own 6 s.
    await page.clock.fastForward(2_000)
    await expect(shell.notice(`Hello ${operator.name}`)).toBeVisible()
    await shell.syncIndicator.click()
    await expect(page.getByRole('button', { name: 'Sync now' })).toBeVisible()
    await expect(shell.notices).toHaveCount(0)
  })
})
