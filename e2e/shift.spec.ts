import { expect, test } from './fixtures'
import { AppShell } from './page-models/app-shell'
import { PairPage } from './page-models/pair-page'
import { SupervisorGate, SupervisorPage } from './page-models/supervisor-page'
import { ledgerEntry, readRecorded, serverWorkOrder } from './page-models/terminal-data'
import { wedgeScan } from './page-models/wedge'

/**
 * A whole shift on the demo plant, part online and part offline: pair, sign in by badge, start,
 * produce (lot by a GS1 wedge scan), scrap, stop and restart the line, hold, switch operator,
 * release, finish. Afterwards every recorded event is in the server's ledger exactly once and the
 * screen shows what the server has. Seeded data: server/seed (Emma Johnson BADGE-1005, Grace Taylor
 * BADGE-1009 may release holds; WH/MO/00001 "Cutting" makes lot-tracked Drawers, GTIN 04006381000130).
 */
test('a whole shift, online and offline, reaches the server once per event', async ({ page, context, request, pairingCode }) => {
  const shell = new AppShell(page)

  const pairPage = await new PairPage(page).gotoWithCode(pairingCode)
  await expect(pairPage.codeInput).toHaveValue(pairingCode)
  const signIn = await pairPage.pair('Shift tablet')
  await expect(signIn.heading).toBeVisible()
  await (await new SupervisorPage(page).goto()).setWedgeMaxGap(250)
  await page.goBack()

  const queue = await signIn.scanBadge('BADGE-1005')
  await expect(shell.operatorLink).toHaveAccessibleName('Switch operator: Emma Johnson')
  await expect(queue.list).toBeVisible()

  const wo = await queue.open('WH/MO/00001', 'Cutting')
  await expect(wo.heading).toHaveText('WH/MO/00001 · Cutting')

  // Online: start, produce 5 with the lot from a GS1-128 wedge scan, scrap 1.
  await wo.startButton.click()
  await expect(wo.state).toHaveText('In progress')
  await wo.produceButton.click()
  const produce = wo.dialog('Report quantity')
  await produce.typeOnPad('5')
  // GS1-128 as a wedge scanner sends it: AIM id ]C1, fixed-length (01) and (17) first, so the lot needs no FNC1.
  await wedgeScan(page, ']C101040063810001301727123110SHIFT0001')
  await expect(produce.field('Lot / serial')).toHaveValue('SHIFT0001')
  await produce.button('OK').click()
  await expect(wo.produced).toHaveText('5')

  await wo.scrapButton.click()
  const scrap = wo.dialog('Scrap')
  await expect(scrap.choice('[DRW-01] Drawer')).toBeChecked()
  await scrap.field('Lot / serial').fill('SHIFT0001')
  await scrap.choice('Damaged in handling').check()
  await scrap.typeOnPad('1')
  await scrap.button('Record scrap').click()
  await expect(shell.notice('Scrap recorded: 1 × Units')).toBeVisible()
  // The indicator may still read "Synced" from before the scrap: wait until the outbox itself is empty.
  await expect.poll(async () => (await readRecorded(page)).events.filter((e) => e.status === 'pending').length, { timeout: 15_000 }).toBe(0)
  await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 15_000 })

  // Offline: the line stops and restarts, 3 more are made, the work order goes on hold.
  await context.setOffline(true)
  await wo.stopLineButton.click()
  const stop = wo.dialog('Stop the line')
  await stop.choice('Equipment Failure').check()
  await stop.field('Note').fill('Saw blade jammed')
  await stop.button('Stop the line').click()
  await expect(wo.restartLineButton).toBeVisible()
  await wo.restartLineButton.click()
  await expect(wo.stopLineButton).toBeVisible()

  await wo.produceButton.click()
  await wo.dialog('Report quantity').typeOnPad('3')
  await expect(wo.dialog('Report quantity').field('Lot / serial')).toHaveValue('SHIFT0001')
  await wo.dialog('Report quantity').button('OK').click()
  await expect(wo.produced).toHaveText('8')

  await wo.holdButton.click()
  const hold = wo.dialog('Quality hold')
  await hold.choice('Dimension out of tolerance').check()
  await hold.field('Note').fill('Edges chipped on the last sheet')
  await hold.button('Put on hold').click()
  await expect(wo.holds).toHaveCount(1)
  await expect(shell.syncIndicator).toHaveAccessibleName(/Sync status: (Offline|\d+ waiting)/, { timeout: 15_000 })
  const offline = await readRecorded(page)
  expect(offline.events.filter((e) => e.status === 'pending').map((e) => e.type)).toEqual(['downtime.start', 'downtime.end', 'workorder.produce', 'quality.hold'])

  // Back online: everything goes out.
  await context.setOffline(false)
  await shell.syncIndicator.click()
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 15_000 })
  await page.goBack()

  // A supervisor's badge switches the operator; she releases the hold and the work order finishes.
  await expect(wo.holds).toHaveCount(1)
  await wedgeScan(page, 'BADGE-1009')
  await expect(shell.operatorLink).toHaveAccessibleName('Switch operator: Grace Taylor')
  await wo.holds.first().getByRole('button', { name: 'Release' }).click()
  await page.getByRole('dialog', { name: 'Release' }).getByRole('button', { name: 'Release' }).click()
  await new SupervisorGate(page).authorize()
  await expect(wo.holds).toHaveCount(0)
  await wo.finishButton.click()
  await page.getByRole('dialog', { name: 'Finish' }).getByRole('button', { name: 'Finish' }).click()
  await expect(wo.state).toHaveText('Done')
  await shell.syncIndicator.click()
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 15_000 })

  const { token, events } = await readRecorded(page)
  expect(events.map((e) => e.type)).toEqual([
    'workorder.start',
    'workorder.produce',
    'scrap.record',
    'downtime.start',
    'downtime.end',
    'workorder.produce',
    'quality.hold',
    'quality.release',
    'workorder.finish',
  ])
  const ledger = await Promise.all(events.map((e) => ledgerEntry(request, token, e.id)))
  expect(ledger.map((l) => l?.status)).toEqual(events.map(() => 'applied'))
  expect(new Set(ledger.map((l) => l?.id)).size).toBe(events.length)

  const workOrderId = ledger[0]?.workorder_id ?? -1
  const server = await serverWorkOrder(request, token, workOrderId)
  expect(server?.state).toBe('done')
  expect(server?.qty_produced).toBe(8)
  expect(server?.lots_producing.map((l) => l.name)).toEqual(['SHIFT0001'])
  await page.goBack()
  await expect(wo.produced).toHaveText(String(server?.qty_produced))
  await expect(wo.state).toHaveText('Done')
})
