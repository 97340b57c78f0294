import { expect, test } from './fixtures'
import { AppShell } from './page-models/app-shell'
import { ledgerEntry, readRecorded, serverWorkOrder, serverWorkOrders } from './page-models/terminal-data'

/**
 * A serial product made over several operations: a later operation reports a serial the first one
 * registered on the manufacturing order, as in Odoo, where every operation of a serial routing works on
 * the order's serials. The server applies it; nothing is dead-lettered.
 */
test('a later operation reports a serial the first one registered', async ({ queuePage, page, request, terminalToken }) => {
  const shell = new AppShell(page)
  // From the end of the list: the other specs of the run take their work orders from the start.
  const later = (await serverWorkOrders(request, terminalToken))
    .filter(
      (wo) =>
        wo.product.tracking === 'serial' &&
        wo.sequence > 10 &&
        (wo.state === 'ready' || wo.state === 'blocked') &&
        !wo.is_running &&
        !wo.is_blocked &&
        wo.holds.length === 0 &&
        wo.qty_produced === 0 &&
        wo.lots_producing.length > 0,
    )
    .at(-1)
  if (!later) throw new Error('needs a later operation of a serial order whose first operation produced: check server/seed')
  const serial = later.lots_producing[0]?.name ?? ''

  const wo = await queuePage.open(later.production.name, later.name)
  await wo.startButton.click()
  await expect(wo.state).toHaveText('In progress')
  await wo.produceButton.click()
  // A serial is one unit: the pad starts at 1.
  const produce = wo.dialog('Report quantity')
  await produce.field('Serial number').fill(serial)
  await produce.button('OK').click()
  await expect(wo.produced).toHaveText('1')
  await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 20_000 })

  const recorded = await readRecorded(page)
  const ledger = await Promise.all(recorded.events.map((e) => ledgerEntry(request, terminalToken, e.id)))
  expect(ledger.map((entry) => [entry?.type, entry?.status])).toEqual([
    ['workorder.start', 'applied'],
    ['workorder.produce', 'applied'],
  ])
  const after = await serverWorkOrder(request, terminalToken, later.id)
  expect(after?.qty_produced).toBe(1)
  expect(after?.lots_producing).toEqual(later.lots_producing)
})
