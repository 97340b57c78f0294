import { expect, test } from './fixtures'
import { AppShell } from './page-models/app-shell'
import { SignInPage } from './page-models/sign-in-page'
import { SupervisorPage } from './page-models/supervisor-page'
import { wedgeScan } from './page-models/wedge'

/** The screens speak the signed-in operator's language (server/seed: Anna Schmidt BADGE-1001 is German, Sophie Martin BADGE-1003 French). */
test('the language follows the operator who scans in', async ({ pairedPage: page }) => {
  const shell = new AppShell(page)
  await (await new SupervisorPage(page).goto()).setWedgeMaxGap(250)
  await page.goBack()
  await new SignInPage(page).scanBadge('BADGE-1001')
  await expect(page.getByRole('searchbox', { name: 'FA, Produkt oder Los suchen' })).toBeVisible()
  await expect(page.getByRole('link', { name: /^Sync-Status: / })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  // The welcome was shown before her German had loaded: it turned German with the screen.
  await expect(shell.notice('Hallo Anna Schmidt')).toBeVisible()
  // Times and numbers too, through the same formats: "12 Min. von 60 Min.".
  await page.getByRole('list', { name: 'Auftragsliste' }).getByRole('link').first().click()
  await expect(page.getByText(/^\d+ Min\. von \d+ Min\.$/)).toBeVisible()

  await wedgeScan(page, 'BADGE-1003')
  await expect(page.getByRole('link', { name: 'Changer d’opérateur: Sophie Martin' })).toBeVisible()
  await expect(shell.notice('Bonjour Sophie Martin')).toBeVisible()
  await page.getByRole('link', { name: 'Retour' }).click()
  await expect(page.getByRole('searchbox', { name: 'Chercher OF, produit ou lot' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  // French dates on the supervisor screen: day first ("26/11/2026 14:05").
  await page.getByRole('link', { name: 'Superviseur' }).first().click()
  await expect(page.getByText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)).toBeVisible()
})
