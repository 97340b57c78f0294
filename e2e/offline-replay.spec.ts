import type { WorkOrder } from '../src/domain/contract'
import { expect, test } from './fixtures'
import { AppShell } from './page-models/app-shell'
import { QueuePage } from './page-models/queue-page'
import { isFreeToStart, ledgerEntry, readRecorded, serverWorkOrder, serverWorkOrders } from './page-models/terminal-data'
import { WorkOrderPage } from './page-models/workorder-page'

/** Untracked work orders nobody is on, with room for a few more units: any demo plant has several. */
function startable(wo: WorkOrder): boolean {
  return isFreeToStart(wo) && wo.product.tracking === 'none' && wo.qty_production - wo.qty_produced >= 3
}

/**
 * The sync engine's promise, end to end: work recorded offline on several work orders survives a
 * reload without network, and once the network is back every event reaches the server exactly once,
 * in order, and the screen shows what the server has.
 */
test('offline work on several work orders survives a reload and reaches the server once', async ({
  queuePage,
  page,
  context,
  request,
  terminalToken,
  bootstrap,
}) => {
  const shell = new AppShell(page)
  const candidates = (await serverWorkOrders(request, terminalToken)).filter(startable)
  const [first, second] = candidates
  // Each Playwright run starts a fresh demo plant, which has two of them (no other spec uses them).
  if (!first || !second) throw new Error('needs two ready, untracked work orders no test of this run used yet: check server/seed')
  const scrapReason = bootstrap.scrap_reasons[0]?.name
  const holdReason = bootstrap.hold_reasons[0]?.name
  if (!scrapReason || !holdReason) throw new Error('the demo plant needs scrap and hold reasons: check server/seed')
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)

  await context.setOffline(true)

  // First work order: start, produce 2, scrap 1, finish.
  let wo = await queuePage.open(first.production.name, first.name)
  await wo.startButton.click()
  await expect(wo.state).toHaveText('In progress')
  await wo.produceButton.click()
  await wo.dialog('Report quantity').typeOnPad('2')
  await wo.dialog('Report quantity').button('OK').click()
  await expect(wo.produced).toHaveText('2')
  await wo.scrapButton.click()
  const scrap = wo.dialog('Scrap')
  await expect(scrap.choice(first.product.display_name)).toBeChecked()
  await scrap.choice(scrapReason).check()
  await scrap.typeOnPad('1')
  await scrap.button('Record scrap').click()
  await expect(shell.notice(/^Scrap recorded: 1 × /)).toBeVisible()
  await wo.finishButton.click()
  await page.getByRole('dialog', { name: 'Finish' }).getByRole('button', { name: 'Finish' }).click()
  await expect(wo.state).toHaveText('Done')
  await page.goBack()

  // Second work order: start, produce 1, put it on hold.
  wo = await new QueuePage(page).open(second.production.name, second.name)
  await wo.startButton.click()
  await wo.produceButton.click()
  await wo.dialog('Report quantity').typeOnPad('1')
  await wo.dialog('Report quantity').button('OK').click()
  await expect(wo.produced).toHaveText('1')
  await wo.holdButton.click()
  await wo.dialog('Quality hold').choice(holdReason).check()
  await wo.dialog('Quality hold').button('Put on hold').click()
  await expect(wo.holds).toHaveCount(1)

  const recorded = await readRecorded(page)
  const expectedTypes = [
    'workorder.start',
    'workorder.produce',
    'scrap.record',
    'workorder.finish',
    'workorder.start',
    'workorder.produce',
    'quality.hold',
  ]
  expect(recorded.events.map((e) => [e.type, e.status])).toEqual(expectedTypes.map((type) => [type, 'pending']))

  // A reload without network: the shell comes from the service worker, the work from IndexedDB.
  await page.reload()
  wo = new WorkOrderPage(page)
  await expect(wo.produced).toHaveText('1')
  await expect(wo.holds).toHaveCount(1)
  expect((await readRecorded(page)).events).toEqual(recorded.events)

  await context.setOffline(false)
  await shell.syncIndicator.click()
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 20_000 })

  const ledger = await Promise.all(recorded.events.map((e) => ledgerEntry(request, terminalToken, e.id)))
  expect(ledger.map((entry) => entry?.status)).toEqual(expectedTypes.map(() => 'applied'))
  // The server's own clock, not the device_seq it echoes: it received and applied them in the order they were recorded.
  for (const field of ['received_at', 'applied_at'] as const) {
    const times = ledger.map((entry) => Date.parse(entry?.[field] ?? ''))
    expect(times.every((time, i) => i === 0 || time >= (times[i - 1] ?? Number.NaN)), `${field}: ${times.join(', ')}`).toBe(true)
  }

  const serverFirst = await serverWorkOrder(request, terminalToken, first.id)
  const serverSecond = await serverWorkOrder(request, terminalToken, second.id)
  expect(serverFirst?.state).toBe('done')
  expect(serverFirst?.qty_produced).toBe(first.qty_produced + 2)
  expect(serverSecond?.state).toBe('progress')
  expect(serverSecond?.qty_produced).toBe(second.qty_produced + 1)
  expect(serverSecond?.holds).toHaveLength(1)

  // Back from the sync screen to the second work order: the screen shows what the server has.
  await page.goBack()
  await expect(wo.heading).toContainText(second.production.name)
  await expect(wo.produced).toHaveText(String(serverSecond?.qty_produced))
  await expect(wo.holds).toHaveCount(1)
})
