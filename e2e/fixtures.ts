/**
 * `test` and `expect` for every spec: Playwright's, extended with a demo terminal paired through
 * the app's own pairing screen. Specs import from here; only types come from @playwright/test.
 */
import { test as base, expect, type Page } from '@playwright/test'
import type { Bootstrap, Operator } from '../src/domain/contract'
import { demoPairingCode } from './page-models/demo'
import { PairPage } from './page-models/pair-page'
import { QueuePage } from './page-models/queue-page'
import { SignInPage } from './page-models/sign-in-page'
import { readRecorded } from './page-models/terminal-data'

export interface TerminalFixtures {
  /**
   * How far the tablet's clock is from the real time, in ms; null (default) leaves the browser's
   * clock alone. A number installs Playwright's clock that far off, still ticking (`page.clock`).
   */
  deviceClockOffsetMs: number | null
  /** A fresh one-time code for a new demo terminal on every work center (the demo backend's one-click pairing). */
  pairingCode: string
  /** The app, paired with the demo plant through its pairing screen, showing the sign-in screen. */
  pairedPage: Page
  /** The paired terminal's bearer token, as the app stored it: for checking the server's side in a spec. */
  terminalToken: string
  /** The paired terminal's bootstrap, fetched the way the app does. */
  bootstrap: Bootstrap
  /** The first operator of the terminal who works in English (the page models' locators are English). */
  operator: Operator
  /** The work order queue, after `operator` signed in by picking their name. */
  queuePage: QueuePage
}

export const test = base.extend<TerminalFixtures>({
  deviceClockOffsetMs: [null, { option: true }],

  page: async ({ page, deviceClockOffsetMs }, use) => {
    if (deviceClockOffsetMs !== null) await page.clock.install({ time: Date.now() + deviceClockOffsetMs })
    await use(page)
  },

  pairingCode: async ({ request }, use) => {
    await use(await demoPairingCode(request))
  },

  pairedPage: async ({ page, pairingCode }, use) => {
    const pair = await new PairPage(page).gotoWithCode(pairingCode)
    const signIn = await pair.pair()
    await signIn.heading.waitFor()
    await use(page)
  },

  terminalToken: async ({ pairedPage }, use) => {
    await use((await readRecorded(pairedPage)).token)
  },

  bootstrap: async ({ request, terminalToken }, use) => {
    const response = await request.get('/shopfloor_terminal/v1/bootstrap', { headers: { Authorization: `Bearer ${terminalToken}` } })
    if (!response.ok()) throw new Error(`GET /bootstrap answered HTTP ${response.status()} to the paired terminal's token`)
    await use((await response.json()) as Bootstrap)
  },

  operator: async ({ bootstrap }, use) => {
    // The app switches to the operator's language on sign-in.
    const operator = bootstrap.operators.find((candidate) => (candidate.lang ?? 'en') === 'en')
    if (!operator) throw new Error('the demo plant has no English-speaking operator on this terminal: check server/seed')
    await use(operator)
  },

  // By name, not by a wedge scan: a scan is recognised by its key timing, which a loaded machine can
  // stretch (specs about scanning set the wedge gap themselves).
  queuePage: async ({ pairedPage, operator }, use) => {
    await new SignInPage(pairedPage).operator(operator.name).click()
    const queue = new QueuePage(pairedPage)
    await queue.list.waitFor()
    await use(queue)
  },
})

export { expect }
