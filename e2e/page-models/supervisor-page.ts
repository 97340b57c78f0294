import type { Locator, Page } from '@playwright/test'

/** One failed event on the supervisor screen. */
export class DeadLetterItem {
  readonly resendButton: Locator
  readonly resendWithChangesButton: Locator
  readonly discardButton: Locator
  readonly payload: Locator
  /** The corrected time of a refusal about time (a `datetime-local` field), and why it cannot be sent. */
  readonly occurredAt: Locator
  readonly timeError: Locator

  constructor(readonly root: Locator) {
    this.resendButton = root.getByRole('button', { name: 'Resend', exact: true })
    this.resendWithChangesButton = root.getByRole('button', { name: 'Resend with changes' })
    this.discardButton = root.getByRole('button', { name: 'Discard' })
    this.payload = root.getByLabel('Content')
    this.occurredAt = root.getByLabel('When it happened (this tablet’s clock)')
    this.timeError = root.getByRole('alert')
  }
}

/** The discard confirmation: what waits behind the failed event, the reason, the button. */
export class DiscardDialog {
  readonly root: Locator
  readonly heldBehind: Locator
  readonly reason: Locator
  readonly discardButton: Locator

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Discard' })
    this.heldBehind = this.root.getByRole('region', { name: /^Waiting behind this event/ }).getByRole('listitem')
    this.reason = this.root.getByLabel('Why discard it?')
    this.discardButton = this.root.getByRole('button', { name: 'Discard' })
  }
}

/** A supervisor of the demo plant (server/seed: Grace Taylor, PIN = the badge's number). */
export const DEMO_SUPERVISOR = { name: 'Grace Taylor', badge: 'BADGE-1009', pin: '1009' }
/** An operator of the demo plant who is no supervisor (Emma Johnson). */
export const DEMO_OPERATOR = { name: 'Emma Johnson', badge: 'BADGE-1005', pin: '1005' }

/** The supervisor gate: badge and PIN before a supervisor action. */
export class SupervisorGate {
  readonly root: Locator
  readonly badge: Locator
  readonly pin: Locator
  readonly authorizeButton: Locator
  readonly error: Locator

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: /^Supervisor: / })
    this.badge = this.root.getByLabel('Badge', { exact: true })
    this.pin = this.root.getByLabel('PIN', { exact: true })
    this.authorizeButton = this.root.getByRole('button', { name: 'Authorize' })
    this.error = this.root.getByRole('alert')
  }

  /** Types a badge and a PIN and presses Authorize (the dialog stays open when refused). */
  async enter(who: { badge: string; pin: string }): Promise<void> {
    await this.badge.fill(who.badge)
    await this.pin.fill(who.pin)
    await this.authorizeButton.click()
  }

  /** Lets the demo supervisor through. */
  async authorize(who: { badge: string; pin: string } = DEMO_SUPERVISOR): Promise<void> {
    await this.enter(who)
    await this.root.waitFor({ state: 'hidden' })
  }
}

/** The supervisor screen. */
export class SupervisorPage {
  readonly heading: Locator
  readonly deadLetterItems: Locator
  readonly noDeadLetters: Locator
  readonly wedgeMaxGap: Locator
  readonly changeSettingsButton: Locator
  readonly pairAgainButton: Locator
  readonly gate: SupervisorGate

  constructor(readonly page: Page) {
    this.changeSettingsButton = page.getByRole('button', { name: 'Change settings' })
    this.pairAgainButton = page.getByRole('button', { name: 'Pair again' })
    this.gate = new SupervisorGate(page)
    this.heading = page.getByRole('heading', { name: 'Supervisor', level: 1 })
    this.deadLetterItems = page.getByRole('list', { name: 'Failed events' }).getByRole('listitem')
    this.noDeadLetters = page.getByText('No failed event.')
    this.wedgeMaxGap = page.getByLabel('Max. pause between keys (ms)')
  }

  /** Opens the discard confirmation of the n-th failed event. */
  async discard(n: number): Promise<DiscardDialog> {
    await this.deadLetter(n).discardButton.click()
    const dialog = new DiscardDialog(this.page)
    await dialog.root.waitFor()
    return dialog
  }

  /** The n-th failed event, oldest first. */
  deadLetter(n: number): DeadLetterItem {
    return new DeadLetterItem(this.deadLetterItems.nth(n))
  }

  async goto(): Promise<this> {
    await this.page.goto('/#/supervisor')
    await this.heading.waitFor()
    return this
  }

  /**
   * Set the hardware scanner's longest pause between keys, as for a slow (Bluetooth) scanner. The e2e
   * runs use it on a loaded 2-core machine, where Playwright's typed keys can be further apart than a scanner's.
   */
  async setWedgeMaxGap(ms: number): Promise<void> {
    await this.changeSettingsButton.click()
    await this.gate.authorize()
    await this.wedgeMaxGap.fill(String(ms))
  }
}
