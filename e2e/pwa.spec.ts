import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { E2E_DIST_DIR } from '../playwright.config'
import { expect, test } from './fixtures'
import { PairPage } from './page-models/pair-page'

interface ManifestIcon {
  src: string
  sizes: string
  type: string
  purpose?: string
}

interface WebManifest {
  name: string
  short_name: string
  start_url: string
  display: string
  theme_color: string
  icons: ManifestIcon[]
}

/** Opens the app (the pairing screen of a new device) and waits until its service worker controls it. */
async function openControlled(page: Page): Promise<void> {
  await page.goto('/')
  await new PairPage(page).heading.waitFor()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
}

test.describe('PWA shell', () => {
  test('Chromium finds the app installable', async ({ playwright, launchOptions, baseURL }) => {
    // Playwright's usual contexts are incognito, where Chromium never offers installation: use a real profile.
    const profile = await mkdtemp(path.join(tmpdir(), 'shopfloor-profile-'))
    const context = await playwright.chromium.launchPersistentContext(profile, { ...launchOptions, baseURL, serviceWorkers: 'allow' })
    try {
      const page = context.pages()[0] ?? (await context.newPage())
      await openControlled(page)
      const cdp = await context.newCDPSession(page)
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: Array<{ errorId: string }>
      }
      expect(installabilityErrors).toEqual([])
    } finally {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    }
  })

  test('the manifest names the app and its icons are real PNGs of the declared size', async ({ page, request }) => {
    await page.goto('/')
    const href = await page.locator('link[rel="manifest"]').getAttribute('href')
    const manifestUrl = new URL(href ?? '', page.url())
    const manifest = (await (await request.get(manifestUrl.href)).json()) as WebManifest
    expect(manifest).toMatchObject({ name: 'Shop Floor Terminal', short_name: 'Shop Floor', display: 'standalone' })
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i)
    expect(manifest.icons.map((icon) => `${icon.sizes}${icon.purpose === 'maskable' ? ' maskable' : ''}`)).toEqual(
      expect.arrayContaining(['192x192', '512x512', '512x512 maskable']),
    )
    for (const icon of manifest.icons) {
      const url = new URL(icon.src, manifestUrl).href
      const size = await page.evaluate(async (src) => {
        const image = new Image()
        image.src = src
        await image.decode()
        return `${image.naturalWidth}x${image.naturalHeight}`
      }, url)
      expect(size, icon.src).toBe(icon.sizes)
      expect((await request.get(url)).headers()['content-type'], icon.src).toBe('image/png')
    }
  })

  test('the service worker controls the page and precaches the lazy camera decoder', async ({ page }) => {
    await openControlled(page)
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/)
    const cached = await page.evaluate(async () => {
      const urls: string[] = []
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url)
      return urls
    })
    expect(cached.some((url) => /\/assets\/camera-decoder-[^/]+\.js/.test(url))).toBe(true)
    expect(cached.some((url) => url.includes('/shopfloor_terminal/'))).toBe(false)
  })

  test('API calls go to the network, never to the worker', async ({ page, context }) => {
    await openControlled(page)
    const health = page.waitForResponse('**/shopfloor_terminal/v1/health')
    await page.evaluate(() => fetch('/shopfloor_terminal/v1/health'))
    expect((await health).fromServiceWorker()).toBe(false)

    await context.setOffline(true)
    const offlineFetch = await page.evaluate(() => fetch('/shopfloor_terminal/v1/health').then((r) => `HTTP ${r.status}`, (e: Error) => e.name))
    expect(offlineFetch).toBe('TypeError')
    // Not even a browser navigation to the API gets the app shell.
    await expect(page.goto('/shopfloor_terminal/v1/health')).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/)
  })

  test('offline, a navigation the precache does not know (a query string) still gets the app shell', async ({ page, context }) => {
    await openControlled(page)
    await context.setOffline(true)
    await page.goto('/?from=qr#/pair')
    await expect(new PairPage(page).heading).toBeVisible()
  })

  test('Background Sync wakes the open windows with SYNC_NOW', async ({ page }) => {
    await openControlled(page)
    await page.evaluate(() => {
      const received: unknown[] = []
      Object.assign(window, { swMessages: received })
      navigator.serviceWorker.addEventListener('message', (event) => received.push(event.data))
    })
    const cdp = await page.context().newCDPSession(page)
    const registration = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }: { registrations: Array<{ registrationId: string; isDeleted: boolean }> }) => {
        const live = registrations.find((candidate) => !candidate.isDeleted)
        if (live) resolve(live.registrationId)
      })
    })
    await cdp.send('ServiceWorker.enable')
    await cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin: new URL(page.url()).origin,
      registrationId: await registration,
      tag: 'shopfloor-outbox',
      lastChance: false,
    })
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { swMessages: unknown[] }).swMessages))
      .toContainEqual({ type: 'SYNC_NOW', tag: 'shopfloor-outbox' })
  })

  test.describe('a new version', () => {
    const swFile = path.join(E2E_DIST_DIR, 'sw.js')
    let original: string

    test.beforeEach(async () => {
      original = await readFile(swFile, 'utf8')
    })

    test.afterEach(async () => {
      await writeFile(swFile, original)
    })

    /** Publishes a byte-different sw.js, as a new release would, and has the page look for it. */
    async function publishUpdate(page: Page): Promise<void> {
      await writeFile(swFile, `${original}\n// release ${Date.now()}\n`)
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update())
    }

    test('is announced, waits for the operator and reloads only on "Update now"', async ({ page }) => {
      await openControlled(page)
      await page.evaluate(() => Object.assign(window, { beforeUpdate: true }))
      const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)

      await publishUpdate(page)
      const banner = page.getByRole('status').filter({ hasText: 'A new version of the terminal is ready.' })
      await expect(banner).toBeVisible()
      expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(true)

      const reloaded = page.waitForEvent('load')
      await banner.getByRole('button', { name: 'Update now' }).click()
      await reloaded
      expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(false)
      await expect(banner).toBeHidden()
      const waiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)
      expect(waiting).toBeNull()
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(firstWorker)
    })

    test('"Later" keeps the running version and the page as it is', async ({ page }) => {
      await openControlled(page)
      await page.evaluate(() => Object.assign(window, { beforeUpdate: true }))
      await publishUpdate(page)
      const banner = page.getByRole('status').filter({ hasText: 'A new version of the terminal is ready.' })
      await banner.getByRole('button', { name: 'Later' }).click()
      await expect(banner).toBeHidden()
      expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(true)
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(true)
    })
  })
})
