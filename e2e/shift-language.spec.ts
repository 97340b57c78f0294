import { expect, test } from './fixtures'
import { SignInPage } from './page-models/sign-in-page'
import { SupervisorPage } from './page-models/supervisor-page'
import { wedgeScan } from './page-models/wedge'

/** The screens speak the signed-in operator's language (server/seed: Anna Schmidt BADGE-1001 is German, Sophie Martin BADGE-1003 French). */
test('the language follows the operator who scans in', async ({ pairedPage: page }) => {
  await (await new SupervisorPage(page).goto()).setWedgeMaxGap(250)
  await page.goBack()
  await new SignInPage(page).scanBadge('BADGE-1001')
  await expect(page.getByRole('searchbox', { name: 'FA, Produkt oder Los suchen' })).toBeVisible()
  await expect(page.getByRole('link', { name: /^Sync-Status: / })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')

  await wedgeScan(page, 'BADGE-1003')
  await expect(page.getByRole('link', { name: 'Changer d’opérateur: Sophie Martin' })).toBeVisible()
  await expect(page.getByRole('searchbox', { name: 'Chercher OF, produit ou lot' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
})
