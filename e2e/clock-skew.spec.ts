import type { APIRequestContext } from '@playwright/test'
import type { LedgerEntry, WorkOrder } from '../src/domain/contract'
import { expect, test } from './fixtures'
import { AppShell } from './page-models/app-shell'
import { isFreeToStart, ledgerEntry, readRecorded, serverWorkOrders } from './page-models/terminal-data'
import type { WorkOrderPage } from './page-models/workorder-page'

const MIN = 60_000
const HOUR = 60 * MIN
/** The server keeps what the batch's upload took as error: a local run's round trips are far below this. */
const ROUND_TRIP_SLACK_MS = 2_000

/** Ready work orders nobody is on (start and pause need no lot): each test takes its own, from the end of the list. */
async function startable(request: APIRequestContext, token: string, index: number): Promise<WorkOrder> {
  const candidates = (await serverWorkOrders(request, token)).filter(isFreeToStart)
  const wo = candidates.at(-1 - index)
  if (!wo) throw new Error('the demo plant needs more ready work orders: check server/seed')
  return wo
}

/** Pauses without a reason (the reason is optional). */
async function pause(wo: WorkOrderPage): Promise<void> {
  await wo.pauseButton.click()
  await wo.dialog('Pause').button('Pause').click()
  await expect(wo.resumeButton).toBeVisible()
}

async function ledger(request: APIRequestContext, token: string, id: string): Promise<LedgerEntry> {
  const entry = await ledgerEntry(request, token, id)
  if (!entry) throw new Error(`the server never received event ${id}`)
  return entry
}

for (const [name, offset, index, words] of [
  ['10 minutes fast', 10 * MIN, 0, "This tablet’s clock is 10 min fast"],
  ['3 hours slow', -3 * HOUR, 1, "This tablet’s clock is 3 h 0 min slow"],
] as const) {
  test.describe(`a tablet ${name}`, () => {
    test.use({ deviceClockOffsetMs: offset })

    test('works a shift online and offline with no failed event, at the real times', async ({ queuePage, page, context, request, terminalToken }) => {
      const shell = new AppShell(page)
      const target = await startable(request, terminalToken, index)
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null)

      const wo = await queuePage.open(target.production.name, target.name)
      const startedBetween = [Date.now()]
      await wo.startButton.click()
      await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 20_000 })
      startedBetween.push(Date.now())

      await context.setOffline(true)
      const pausedBetween = [Date.now()]
      await pause(wo)
      pausedBetween.push(Date.now())
      await context.setOffline(false)
      await shell.syncIndicator.click()
      await page.getByRole('button', { name: 'Sync now' }).click()
      await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 20_000 })

      await expect(page.getByRole('alert').filter({ hasText: words })).toBeVisible()
      const [start, paused] = (await readRecorded(page)).events
      for (const [event, [from, to]] of [
        [start, startedBetween],
        [paused, pausedBetween],
      ] as const) {
        const entry = await ledger(request, terminalToken, event?.id ?? '')
        expect(entry.status).toBe('applied')
        const server = Date.parse(entry.occurred_at_server ?? '')
        expect(server).toBeGreaterThanOrEqual((from as number) - ROUND_TRIP_SLACK_MS)
        expect(server).toBeLessThanOrEqual((to as number) + ROUND_TRIP_SLACK_MS)
        // The device's own time is kept as tapped.
        expect(Date.parse(entry.occurred_at ?? '') - server).toBeGreaterThan(offset - ROUND_TRIP_SLACK_MS)
        expect(Date.parse(entry.occurred_at ?? '') - server).toBeLessThan(offset + ROUND_TRIP_SLACK_MS)
      }
      await page.getByRole('link', { name: 'Open the supervisor screen' }).click()
      await expect(page.getByText(words, { exact: true })).toBeVisible()
      await expect(page.getByText('No failed event.')).toBeVisible()
    })
  })
}

test.describe('a clock set back during an outage', () => {
  test.use({ deviceClockOffsetMs: 0 })

  test('marks the first event after it and the supervisor sees it, on the tablet and in the ledger', async ({ queuePage, page, context, request, terminalToken }) => {
    const shell = new AppShell(page)
    const target = await startable(request, terminalToken, 2)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    const wo = await queuePage.open(target.production.name, target.name)

    await context.setOffline(true)
    const startedAt = Date.now()
    await wo.startButton.click()
    await expect(wo.pauseButton).toBeVisible()
    // A battery swap: the wall clock restarts three hours back; the monotonic clock goes on.
    await page.clock.setSystemTime(Date.now() - 3 * HOUR)
    const pausedAt = Date.now()
    await pause(wo)
    await context.setOffline(false)
    await shell.syncIndicator.click()
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 20_000 })

    const [start, paused] = (await readRecorded(page)).events
    const startEntry = await ledger(request, terminalToken, start?.id ?? '')
    const pauseEntry = await ledger(request, terminalToken, paused?.id ?? '')
    expect([startEntry.status, pauseEntry.status]).toEqual(['applied', 'applied'])
    expect(startEntry.clock_jump_ms).toBeNull()
    expect(pauseEntry.clock_jump_ms).toBeLessThan(-3 * HOUR + MIN)
    expect(pauseEntry.clock_jump_ms).toBeGreaterThan(-3 * HOUR - MIN)
    // Both sides of the jump land at the real times: each batch states the clock its events were read on.
    expect(Math.abs(Date.parse(startEntry.occurred_at_server ?? '') - startedAt)).toBeLessThan(ROUND_TRIP_SLACK_MS + 5_000)
    expect(Math.abs(Date.parse(pauseEntry.occurred_at_server ?? '') - pausedAt)).toBeLessThan(ROUND_TRIP_SLACK_MS + 5_000)
    await page.getByRole('link', { name: 'Open the supervisor screen' }).click()
    await expect(page.getByRole('alert').filter({ hasText: `The clock was set back by 3 h 0 min before the Pause on ${target.production.name} · ${target.name} · ${target.product.display_name}` })).toBeVisible()
  })
})
