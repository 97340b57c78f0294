import { E2E_RETIME_CELL } from '../playwright.config'
import { cellNames } from '../server/seed/isolated-cells'
import { localInputValue } from '../src/domain/retime'
import { expect, test as base } from './fixtures'
import { AppShell } from './page-models/app-shell'
import { demoPairingCode } from './page-models/demo'
import { OtherTerminal } from './page-models/other-terminal'
import { SupervisorPage } from './page-models/supervisor-page'
import { isFreeToStart, ledgerEntry, readRecorded, serverWorkOrder, serverWorkOrders } from './page-models/terminal-data'

const cell = cellNames(E2E_RETIME_CELL)

/**
 * This spec stops its line and leaves its operator working on a started work order, so it runs on an isolated
 * cell of its own (playwright.config.ts): its terminals see that work center, its work orders and its operator
 * only, and no other spec's terminal sees them.
 */
const test = base.extend({
  pairingCode: async ({ request }, use) => {
    await use(await demoPairingCode(request, E2E_RETIME_CELL))
  },
  operator: async ({ bootstrap }, use) => {
    const own = bootstrap.operators.find((candidate) => candidate.name === cell.operator)
    if (!own) throw new Error(`the e2e plant has no "${cell.operator}": check SHOPFLOOR_DEMO_CELLS in playwright.config.ts`)
    await use(own)
  },
})

test('a start refused because the line was stopped then is resent with the time the supervisor sets', async ({ bootstrap, operator, queuePage, page, context, request, terminalToken }) => {
  const shell = new AppShell(page)
  expect(bootstrap.work_centers.map((center) => center.name)).toEqual([cell.workCenter])
  const own = await serverWorkOrders(request, terminalToken)
  expect([...new Set(own.map((w) => w.work_center.name))]).toEqual([cell.workCenter])
  const wo = own.find(isFreeToStart)
  if (!wo) throw new Error(`the cell ${E2E_RETIME_CELL} has no work order free to start: check server/seed/isolated-cells.ts`)
  const other = await OtherTerminal.pair(request, E2E_RETIME_CELL)
  const loss = other.bootstrap.loss_reasons.find((r) => r.loss_type === 'availability')?.id
  if (loss === undefined) throw new Error('the demo plant needs an availability loss reason: check server/seed')
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)

  // Offline, the tablet cannot know that the line was stopped at another station meanwhile.
  const screen = await queuePage.open(wo.production.name, wo.name)
  await context.setOffline(true)
  expect((await other.send('downtime.start', wo.id, { loss_reason_id: loss }, operator.id)).status).toBe('applied')
  await screen.startButton.click()
  await expect(screen.state).toHaveText('In progress')
  expect((await other.send('downtime.end', wo.id, {}, operator.id)).status).toBe('applied')
  const lineRanAgain = Date.now()
  await context.setOffline(false)
  await shell.syncIndicator.click()
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Attention needed', { timeout: 20_000 })
  const started = (await readRecorded(page)).events.find((e) => e.type === 'workorder.start')
  expect(await ledgerEntry(request, terminalToken, started?.id ?? '')).toMatchObject({ status: 'rejected', error: { code: 'workcenter_down' } })

  const supervisor = await new SupervisorPage(page).goto()
  const failed = supervisor.deadLetter(0)
  await failed.resendWithChangesButton.click()
  await expect(failed.occurredAt).toHaveValue(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/)
  await failed.occurredAt.fill(localInputValue(Date.now() + 60 * 60_000))
  await failed.resendButton.click()
  await expect(failed.timeError).toHaveText('This time is in the future: enter when it really happened.')
  await expect(supervisor.gate.root).toBeHidden()

  // The field holds whole seconds: the first whole second after the line ran again, a moment ago.
  const corrected = localInputValue((Math.floor(lineRanAgain / 1000) + 1) * 1000)
  await failed.occurredAt.fill(corrected)
  await failed.resendButton.click()
  await supervisor.gate.authorize()
  await expect(supervisor.noDeadLetters).toBeVisible()
  await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 20_000 })

  const { events } = await readRecorded(page)
  // The tablet shows the refused start resolved, and the resend done.
  expect(events.find((e) => e.id === started?.id)?.status).toBe('resolved')
  const resend = events.find((e) => e.type === 'workorder.start' && e.status === 'done')
  const [original, resent] = await Promise.all([started?.id ?? '', resend?.id ?? ''].map((id) => ledgerEntry(request, terminalToken, id)))
  expect(original).toMatchObject({ status: 'rejected', resolution: 'resent' })
  expect(resent).toMatchObject({ status: 'applied', resend_of: started?.id })
  expect(localInputValue(Date.parse(resent?.occurred_at ?? ''))).toBe(corrected)
  expect((await serverWorkOrder(request, terminalToken, wo.id))?.state).toBe('progress')
})
