import { expect, test } from './fixtures'
import { AppShell } from './page-models/app-shell'
import { DEMO_OPERATOR, DEMO_SUPERVISOR, SupervisorPage } from './page-models/supervisor-page'
import { ledgerEntry, readRecorded } from './page-models/terminal-data'

/**
 * Issue 9 §3: the supervisor screen opens for anyone, but what changes something asks a supervisor's
 * badge and PIN, checked on the tablet against salted hashes, offline too; the event it sends names
 * the supervisor, and the server checks again. Seeded data: server/seed (Grace Taylor BADGE-1009 is a
 * supervisor, Emma Johnson BADGE-1005 is not; each PIN is the badge's number).
 */
test('a discard asks for badge and PIN, refuses a wrong PIN and a non-supervisor, and goes through offline', async ({ queuePage, page, context, request, terminalToken, bootstrap }) => {
  const shell = new AppShell(page)
  const wo = await queuePage.open('WH/MO/00002', 'Sheet cutting')
  await wo.holdButton.click()
  const hold = wo.dialog('Quality hold')
  await hold.field('Lot (empty: hold the work order)').fill('LOT-9997')
  await hold.choice('Surface defect').check()
  await hold.button('Put on hold').click()
  await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Attention needed', { timeout: 15_000 })

  const supervisor = await new SupervisorPage(page).goto()
  await context.setOffline(true)
  const discard = await supervisor.discard(0)
  await discard.reason.fill('Scanned the wrong label')
  await discard.discardButton.click()

  await expect(supervisor.gate.root).toBeVisible()
  await supervisor.gate.enter({ ...DEMO_SUPERVISOR, pin: '0000' })
  await expect(supervisor.gate.error).toHaveText('Wrong PIN: try again.')
  await supervisor.gate.enter(DEMO_OPERATOR)
  await expect(supervisor.gate.error).toHaveText(`${DEMO_OPERATOR.name} may not authorize this: a supervisor must scan their badge.`)
  await supervisor.gate.enter({ badge: 'BADGE-0000', pin: '1234' })
  await expect(supervisor.gate.error).toHaveText('This badge belongs to no operator of this terminal.')
  await expect(supervisor.deadLetterItems).toHaveCount(1)

  await supervisor.gate.authorize(DEMO_SUPERVISOR)
  await expect(supervisor.noDeadLetters).toBeVisible()
  const grace = bootstrap.operators.find((o) => o.name === DEMO_SUPERVISOR.name)
  const discarded = (await readRecorded(page)).events.find((e) => e.type === 'event.discard')
  expect(discarded).toMatchObject({ status: 'pending', employeeId: grace?.id })

  await context.setOffline(false)
  await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 20_000 })
  expect((await ledgerEntry(request, terminalToken, discarded?.id ?? ''))?.status).toBe('applied')
})

test('the settings stay locked and pairing again stays closed until a supervisor lets them through', async ({ queuePage, page }) => {
  await expect(queuePage.page).toHaveURL(/#\/$/)
  const supervisor = await new SupervisorPage(page).goto()
  await expect(supervisor.wedgeMaxGap).toBeDisabled()

  await supervisor.changeSettingsButton.click()
  await expect(supervisor.gate.badge).toBeFocused()
  await expect(supervisor.gate.authorizeButton).toBeDisabled()
  await expect(supervisor.gate.authorizeButton).toHaveAccessibleDescription('Scan or type your badge.')
  // A scanner typing into the focused badge field ends with Enter: the PIN comes next, nothing is sent.
  await page.keyboard.type(DEMO_SUPERVISOR.badge)
  await page.keyboard.press('Enter')
  await expect(supervisor.gate.pin).toBeFocused()
  await expect(supervisor.gate.authorizeButton).toHaveAccessibleDescription('Enter your PIN.')
  await page.keyboard.type('1')
  await page.keyboard.press('Enter')
  await expect(supervisor.gate.error).toHaveText('Wrong PIN: try again.')
  // The PIN is emptied and keeps the focus for another try; the badge stays.
  await expect(supervisor.gate.pin).toBeFocused()
  await expect(supervisor.gate.pin).toHaveValue('')
  await expect(supervisor.gate.badge).toHaveValue(DEMO_SUPERVISOR.badge)
  await page.keyboard.type(DEMO_SUPERVISOR.pin)
  await page.keyboard.press('Enter')
  await expect(supervisor.gate.root).toBeHidden()
  await expect(supervisor.wedgeMaxGap).toBeEnabled()

  await supervisor.pairAgainButton.click()
  await expect(supervisor.gate.root).toBeVisible()
  await supervisor.gate.root.getByRole('button', { name: 'Cancel' }).click()
  await expect(supervisor.heading).toBeVisible()
  await supervisor.pairAgainButton.click()
  await supervisor.gate.authorize()
  await expect(page).toHaveURL(/#\/pair/)
})
