import { expect, test } from './fixtures'
import { AppShell } from './page-models/app-shell'
import { SupervisorPage } from './page-models/supervisor-page'
import { ledgerEntry, readRecorded } from './page-models/terminal-data'

/**
 * A hold of a lot Odoo does not know is refused by the server; the supervisor sees why on the
 * supervisor screen, corrects the event (holding the work order instead) and resends it, and a
 * second refused event is discarded with a reason. Nothing is ever lost silently.
 */
test('a supervisor resends a corrected event and discards another', async ({ queuePage, page, request, terminalToken }) => {
  const shell = new AppShell(page)
  const wo = await queuePage.open('WH/MO/00002', 'Sheet cutting')

  for (const lot of ['LOT-9998', 'LOT-9999']) {
    await wo.holdButton.click()
    const hold = wo.dialog('Quality hold')
    await hold.field('Lot (empty: hold the work order)').fill(lot)
    await hold.choice('Surface defect').check()
    await hold.button('Put on hold').click()
    await expect(hold.root).toBeHidden()
  }
  await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Attention needed', { timeout: 15_000 })

  const supervisor = await new SupervisorPage(page).goto()
  const first = supervisor.deadLetter(0)
  // Named as Odoo users know the work order, the reason said once (the server's own message is not repeated).
  await expect(first.root.getByRole('heading')).toHaveText(/^Hold on WH\/MO\/00002 · Sheet cutting · .+, .+$/)
  await expect(first.root).toContainText('Reason: The lot LOT-9998 does not exist in Odoo.')
  await expect(first.root.getByText(/LOT-9998/)).toHaveCount(1)
  await first.resendWithChangesButton.click()
  await first.payload.fill('{"reason_id": 2, "note": "Whole work order held: lot label missing"}')
  await first.resendButton.click()
  await supervisor.gate.authorize()
  await expect(supervisor.deadLetterItems).toHaveCount(1, { timeout: 15_000 })

  const second = supervisor.deadLetter(0)
  await second.discardButton.click()
  const confirm = page.getByRole('dialog', { name: 'Discard' })
  await confirm.getByLabel('Why discard it?').fill('Scanned the wrong label')
  await confirm.getByRole('button', { name: 'Discard' }).click()
  await supervisor.gate.authorize()
  await expect(supervisor.noDeadLetters).toBeVisible()
  await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 15_000 })

  // Each resolution took its failed event's place (same seq): the resend after the first, the discard after the second.
  const { events } = await readRecorded(page)
  expect(events.map((e) => [e.type, e.status])).toEqual([
    ['quality.hold', 'resolved'],
    ['quality.hold', 'done'],
    ['quality.hold', 'resolved'],
    ['event.discard', 'done'],
  ])
  const resent = await ledgerEntry(request, terminalToken, events[1]?.id ?? '')
  expect(resent?.status).toBe('applied')
  expect(resent?.workorder?.holds.map((h) => h.note)).toContain('Whole work order held: lot label missing')
})
