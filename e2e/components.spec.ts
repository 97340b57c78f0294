import type { WorkOrder } from '../src/domain/contract'
import { expect, test } from './fixtures'
import { AppShell } from './page-models/app-shell'
import { PairPage } from './page-models/pair-page'
import { QueuePage } from './page-models/queue-page'
import { SupervisorPage } from './page-models/supervisor-page'
import { readRecorded, serverWorkOrders } from './page-models/terminal-data'
import { wedgeScan } from './page-models/wedge'

/** The demo's plywood (the first component seeded, EAN 4006381000017) as GS1 GTIN-14. */
const PLYWOOD_GTIN = '04006381000017'
const PLYWOOD = '[PLY-18] Plywood Sheet 18 mm'

/**
 * Genealogy offline: a Wall Shelf order (Cutting with lot-tracked plywood, then Packing) is worked
 * to the close without network; two plywood lots are scanned by a wedge scanner, one plain,
 * one GS1-128. Once the network is back, the server's order is closed and its Cutting line lists
 * exactly those lots and quantities. Seeded data: server/seed (Grace Taylor BADGE-1009 works on
 * every work center; plywood lots PLY2411A01..C03).
 */
test('an offline shift consumes two scanned component lots, produces, finishes and closes; the server records the lots', async ({
  page,
  context,
  request,
  pairingCode,
}) => {
  const shell = new AppShell(page)
  const pairPage = await new PairPage(page).gotoWithCode(pairingCode)
  const signIn = await pairPage.pair('Genealogy tablet')
  await expect(signIn.heading).toBeVisible()
  await (await new SupervisorPage(page).goto()).setWedgeMaxGap(250)
  await page.goBack()
  const queue = await signIn.scanBadge('BADGE-1009')
  await expect(queue.list).toBeVisible()

  const { token } = await readRecorded(page)
  const all = await serverWorkOrders(request, token)
  // The demo seeds a Wall Shelf order whose Cutting runs with part made (no other spec takes it).
  const isRunningCutting = (wo: WorkOrder) =>
    wo.product.display_name.includes('Wall Shelf') && wo.name === 'Cutting' && wo.is_running && !wo.is_blocked && wo.holds.length === 0
  const cutting = all.find(isRunningCutting)
  if (!cutting) throw new Error('the demo plant needs a Wall Shelf order whose Cutting runs: check server/seed')
  const packing = all.find((wo) => wo.production.id === cutting.production.id && wo.name === 'Packing')
  if (!packing) throw new Error(`${cutting.production.name} has no Packing operation: check server/seed`)
  const rest = String(cutting.qty_production - cutting.qty_produced)
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)

  await context.setOffline(true)

  let wo = await queue.open(cutting.production.name, 'Cutting')
  await expect(wo.componentRow(PLYWOOD)).toBeVisible()

  // A plain lot label: the only tracked component line of the operation takes it.
  await wedgeScan(page, 'PLY2411A01')
  const consume = wo.dialog(`Consume ${PLYWOOD}`)
  await expect(consume.field('Lot / serial')).toHaveValue('PLY2411A01')
  await consume.clearPad()
  await consume.typeOnPad('1')
  await consume.button('Consume').click()
  await expect(shell.notice(`${PLYWOOD}: 1 × Units recorded`)).toBeVisible()

  // A GS1-128 label as a wedge scanner sends it: the GTIN names the component, (10) the lot.
  await wedgeScan(page, `]C101${PLYWOOD_GTIN}10PLY2411B02`)
  await expect(consume.field('Lot / serial')).toHaveValue('PLY2411B02')
  await consume.clearPad()
  await consume.typeOnPad('0.5')
  await consume.button('Consume').click()
  await expect(wo.componentRow(PLYWOOD)).toContainText('PLY2411A01 (1), PLY2411B02 (0.5)')

  await wo.produceButton.click()
  await wo.dialog('Report quantity').typeOnPad(rest)
  await wo.dialog('Report quantity').button('OK').click()
  await wo.finishButton.click()
  await page.getByRole('dialog', { name: 'Finish' }).getByRole('button', { name: 'Finish' }).click()
  await expect(wo.state).toHaveText('Done')
  await page.goBack()

  wo = await new QueuePage(page).open(packing.production.name, 'Packing')
  await wo.startButton.click()
  await wo.produceButton.click()
  await wo.dialog('Report quantity').typeOnPad(String(cutting.qty_production))
  await wo.dialog('Report quantity').button('OK').click()
  await wo.finishButton.click()
  await page.getByRole('dialog', { name: 'Finish' }).getByRole('button', { name: 'Finish' }).click()
  await expect(wo.state).toHaveText('Done')
  await wo.closeProductionButton.click()
  await wo.dialog('Close production').button('Close production').click()
  await expect(shell.notice('Production closed')).toBeVisible()
  const recorded = await readRecorded(page)
  expect(recorded.events.filter((e) => e.type === 'component.consume')).toHaveLength(2)

  await context.setOffline(false)
  await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 30_000 })
  const server = await serverWorkOrders(request, token)
  const closedCutting = server.find((w) => w.id === cutting.id)
  expect(closedCutting?.production.state).toBe('done')
  expect(closedCutting?.components.find((c) => c.product.display_name === PLYWOOD)?.lots).toEqual([
    { name: 'PLY2411A01', qty: 1 },
    { name: 'PLY2411B02', qty: 0.5 },
  ])
})
