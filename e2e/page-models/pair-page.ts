import type { Locator, Page } from '@playwright/test'
import { SignInPage } from './sign-in-page'

/** The pairing screen. */
export class PairPage {
  readonly heading: Locator
  readonly codeInput: Locator
  readonly deviceNameInput: Locator
  readonly pairButton: Locator
  readonly scanQrButton: Locator
  readonly demoButton: Locator
  readonly error: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Pair this device' })
    this.codeInput = page.getByLabel('Pairing code')
    this.deviceNameInput = page.getByLabel('Device name')
    this.pairButton = page.getByRole('button', { name: 'Pair', exact: true })
    this.scanQrButton = page.getByRole('button', { name: 'Scan the QR code' })
    this.demoButton = page.getByRole('button', { name: 'Pair with the demo plant' })
    this.error = page.getByRole('alert')
  }

  /** Open the page the pairing QR code links to. */
  async gotoWithCode(code: string): Promise<this> {
    await this.page.goto(`/#/pair?code=${code}`)
    return this
  }

  /** Pair with the code in the field; returns the sign-in screen that follows. */
  async pair(deviceName = 'E2E tablet'): Promise<SignInPage> {
    await this.deviceNameInput.fill(deviceName)
    await this.pairButton.click()
    return new SignInPage(this.page)
  }
}
