import { expect, test } from './fixtures'
import { PairPage } from './page-models/pair-page'
import { SignInPage } from './page-models/sign-in-page'

test.describe('pairing', () => {
  test('the start page pairs with the demo plant in one click', async ({ page }) => {
    await page.goto('/')
    const pairPage = new PairPage(page)
    await expect(pairPage.heading).toBeVisible()

    await pairPage.demoButton.click()

    const signIn = new SignInPage(page)
    await expect(signIn.heading).toBeVisible()
    await expect(page.getByRole('alert')).toHaveCount(0)
  })
})
