import type { Bootstrap } from '../src/domain/contract'
import { expect, test } from './fixtures'
import { PairPage } from './page-models/pair-page'
import { QueuePage } from './page-models/queue-page'
import { DEMO_OPERATOR } from './page-models/supervisor-page'

/**
 * Issue 9 §3, a terminal that asks operators for their PIN (Odoo's "Ask Operators for Their PIN"): a
 * name picked from the list opens the PIN dialog, checked on the tablet against the salted hash the
 * bootstrap carries. The demo backend has no switch for that setting, so this tablet's bootstrap has it
 * turned on on the way; the hashes and all else are the server's own.
 */
test('where the terminal asks for PINs, a wrong PIN is refused in place and the right one signs in with Enter', async ({ page, context, pairingCode }) => {
  // The context's route, not the page's: it also sees what the service worker fetches.
  await context.route('**/shopfloor_terminal/v1/bootstrap*', async (route) => {
    const response = await route.fetch()
    const bootstrap = (await response.json()) as Bootstrap
    const terminal = { ...bootstrap.terminal, settings: { ...bootstrap.terminal.settings, require_pin: true } }
    await route.fulfill({ response, json: { ...bootstrap, terminal } })
  })
  const signIn = await (await new PairPage(page).gotoWithCode(pairingCode)).pair('PIN tablet')
  await signIn.operator(DEMO_OPERATOR.name).click()

  const dialog = page.getByRole('dialog', { name: `PIN for ${DEMO_OPERATOR.name}` })
  const pin = dialog.getByLabel('PIN', { exact: true })
  const signInButton = dialog.getByRole('button', { name: 'Sign in' })
  await expect(pin).toBeFocused()
  await expect(signInButton).toBeDisabled()
  await expect(signInButton).toHaveAccessibleDescription('Enter your PIN.')

  await page.keyboard.type('0000')
  await page.keyboard.press('Enter')
  await expect(dialog.getByRole('alert')).toHaveText('Wrong PIN: try again.')
  await expect(pin).toHaveValue('')
  await expect(pin).toBeFocused()

  await page.keyboard.type(DEMO_OPERATOR.pin)
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(new QueuePage(page).list).toBeVisible()
})
