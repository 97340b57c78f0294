import type { Locator, Page } from '@playwright/test'
import { QueuePage } from './queue-page'
import { wedgeScan } from './wedge'

/** The sign-in screen: scan a badge or pick a name. */
export class SignInPage {
  readonly heading: Locator
  readonly scanPrompt: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sign in' })
    this.scanPrompt = page.getByRole('heading', { name: 'Scan your badge' })
  }

  /** The button of an operator in the list. */
  operator(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true })
  }

  /** Sign in with a badge read by a keyboard-wedge scanner. */
  async scanBadge(badge: string): Promise<QueuePage> {
    await this.scanPrompt.waitFor()
    await wedgeScan(this.page, badge)
    return new QueuePage(this.page)
  }
}
