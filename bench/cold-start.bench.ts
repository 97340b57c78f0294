/**
 * Cold start offline to the work-order list, with the real terminal: the built app (dist/) served by
 * the demo backend with 10,000+ work orders, paired and synced once in headless Chromium, then the
 * network cut and the page reloaded. Measured from the reload's navigation start to the first
 * work-order card on screen (service worker shell + IndexedDB + render), median of several reloads.
 *   npx tsx bench/cold-start.bench.ts   (env BENCH_WORKORDERS, default 10850 seeded → 10,000+ synced)
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config.ts'
import { createDemoServer } from '../server/testing.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const DIST = path.join(ROOT, 'dist')
// About 8 % of a demo plant (finished long ago, cancelled) never reaches a terminal.
const WORK_ORDERS = Number(process.env.BENCH_WORKORDERS ?? 10_850)
const RELOADS = 5
const GOAL_MS = 500

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

async function main(): Promise<void> {
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` (or `npm run bench`, which builds it)')
  const server = await createDemoServer({ demoWorkOrders: WORK_ORDERS, staticDir: DIST })
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.goto(server.baseUrl as string)
    const synced = Date.now()
    await page.getByRole('button', { name: 'Pair with the demo plant' }).click()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    // An English-speaking operator of the demo seed: the app speaks the operator's language.
    await page.getByRole('button', { name: 'Emma Johnson', exact: true }).click()
    const cards = page.getByRole('list', { name: 'Work order queue' }).getByRole('link')
    await cards.first().waitFor()
    await page.getByRole('link', { name: 'Sync status: Synced' }).waitFor({ timeout: 120_000 })
    const onDevice = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('shopfloor')
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const count = open.result.transaction('workOrders').objectStore('workOrders').count()
            count.onsuccess = () => {
              resolve(count.result)
              open.result.close()
            }
          }
        }),
    )
    console.info(`paired and synced ${onDevice} work orders in ${Date.now() - synced} ms`)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    await context.setOffline(true)

    const times: number[] = []
    for (let i = 0; i < RELOADS; i++) {
      await page.reload({ waitUntil: 'commit' })
      await cards.first().waitFor()
      times.push(await page.evaluate(() => performance.now()))
    }
    console.info(`reloads: ${times.map((t) => t.toFixed(0)).join(', ')} ms`)
    console.info(
      `cold start offline to the work-order list (${onDevice} work orders, median of ${RELOADS}): ${median(times).toFixed(0)} ms (goal ≤ ${GOAL_MS} ms)`,
    )
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
