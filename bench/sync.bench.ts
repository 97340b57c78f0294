/**
 * Sync engine benchmarks (issue 5), in Debian's headless Chromium with real IndexedDB, against the
 * demo backend seeded with 10,000 work orders and serving the harness page (bench/sync-harness/)
 * on the same origin:
 *   - full sync of 10,000 work orders into an empty device (goal ≤ 3 s);
 *   - action → durable (event + optimistic effect committed), p50/p99, with 10,000 work orders
 *     and 1,000 pending events in the database (goal p99 ≤ 16 ms);
 *   - replay of the queued events to the demo backend (goal ≥ 500 events/s);
 *   - cold start to the queue data: a fresh page load opening the database and reading the first
 *     screen of the queue, then all of it (goal ≤ 500 ms; the database part of the offline cold
 *     start, without the UI).
 * Prints one line per figure: `name: value unit (goal ...)`.
 *
 * Run: npx tsx bench/sync.bench.ts   (env CHROMIUM_PATH; BENCH_WORKORDERS=10850, BENCH_ACTIONS=200)
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { build } from 'vite'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config.ts'
import { createDemoServer } from '../server/testing.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
// Seeded work orders: a demo plant never sends those finished long ago or cancelled (about 8 %), so
// 10,850 seeded gives the issue's 10,000+ on the terminal. The figures print the number synced.
const WORK_ORDERS = Number(process.env.BENCH_WORKORDERS ?? 10_850)
const MEASURED_ACTIONS = Number(process.env.BENCH_ACTIONS ?? 200)
/** Pending events in the database while actions are measured (the issue's 1,000, the measured ones included). */
const PENDING = 1_000
const FULL_SYNC_RUNS = 3
/** Rounds of (fill the queue, measure actions, replay). */
const RUNS = 3
/** Jobs a queue screen shows first. */
const FIRST_SCREEN = 50

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? Number.NaN
}

const median = (values: readonly number[]) => percentile(values, 0.5)

/** Prints one figure as `name: value unit (goal …)`, or `(no goal)` for a figure that only explains another. */
function line(name: string, value: number, unit: string, goal: string | null): void {
  console.info(`${name}: ${value.toFixed(unit === 'ms' ? 1 : 0)} ${unit} (${goal === null ? 'no goal' : `goal ${goal}`})`)
}

/** Builds the harness page with the app's sources into a temporary directory. */
async function buildHarness(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: path.join(ROOT, 'bench', 'sync-harness'),
    base: './',
    logLevel: 'warn',
    define: { __APP_VERSION__: JSON.stringify('1.0.0') },
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  })
}

type Harness = Window['syncBench']
type Call = { [K in keyof Harness]: Harness[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never }

/** Calls a harness function in the page. */
function harness(page: Page): Call {
  return new Proxy({} as Call, {
    get: (_target, name: string) => (...args: unknown[]) =>
      page.evaluate(([fn, params]) => (window.syncBench as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[fn as string]?.(...(params as unknown[])), [name, args] as const),
  })
}

/** Reloads the page (a cold start) and reads the queue's first screen, then the whole queue. */
async function coldStart(page: Page, bench: Call): Promise<void> {
  await page.reload()
  const first = await bench.coldQueue(FIRST_SCREEN)
  line(`cold start to the first ${first.rows} jobs of the queue (database part)`, first.sinceNavigationMs, 'ms', '≤ 500 ms with the UI')
  line('first jobs, of which the queue query', first.queryMs, 'ms', null)
  await page.reload()
  const whole = await bench.coldQueue()
  line(`cold start to the whole queue, ${whole.rows} open work orders (database part)`, whole.sinceNavigationMs, 'ms', null)
  line('whole queue, of which the queue query', whole.queryMs, 'ms', null)
}

async function main(): Promise<void> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'sync-bench-'))
  await buildHarness(outDir)
  const seeded = performance.now()
  const server = await createDemoServer({ demoWorkOrders: WORK_ORDERS, staticDir: outDir })
  console.info(`demo backend: ${WORK_ORDERS} work orders seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s at ${server.baseUrl}`)
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  try {
    const page = await browser.newPage()
    await page.goto(`${server.baseUrl}/`)
    const bench = harness(page)

    const paired = await bench.pair(server.pairingCode)
    line('pair + first full sync', paired.ms, 'ms', `full sync ≤ 3000 ms; ${paired.workOrders} work orders`)
    const syncs = []
    for (let i = 0; i < FULL_SYNC_RUNS; i++) syncs.push(await bench.fullSync())
    const items = syncs[0]?.items ?? 0
    line(`full sync of ${items} work orders (median of ${FULL_SYNC_RUNS})`, median(syncs.map((s) => s.ms)), 'ms', '≤ 3000 ms')
    line('full sync, of which waiting for the server (pages overlap with writes)', median(syncs.map((s) => s.waitingMs)), 'ms', null)

    const latencies: number[] = []
    const replays: Awaited<ReturnType<Call['replay']>>[] = []
    let context = ''
    for (let run = 0; run < RUNS; run++) {
      await bench.fill(PENDING - MEASURED_ACTIONS)
      latencies.push(...(await bench.actionLatencies(MEASURED_ACTIONS)))
      const counts = await bench.counts()
      context = `${counts.workOrders} work orders, ${counts.pending} pending events`
      if (run === 0) await coldStart(page, bench)
      replays.push(await bench.replay())
    }
    line(`action → durable p50 (${context}, ${latencies.length} actions)`, percentile(latencies, 0.5), 'ms', 'p99 ≤ 16 ms')
    line(`action → durable p99 (${context}, ${latencies.length} actions)`, percentile(latencies, 0.99), 'ms', '≤ 16 ms')
    line('action → durable max', Math.max(...latencies), 'ms', null)
    const rates = replays.map((r) => (r.sent / r.ms) * 1000)
    const sent = replays.map((r) => r.sent).join('/')
    const rejected = replays.reduce((n, r) => n + r.dead, 0)
    line(`replay of ${sent} queued events (median of ${RUNS} runs, batches of 200, ${rejected} rejected)`, median(rates), 'events/s', '≥ 500 events/s')
    line('replay, of which waiting for the server (median share)', median(replays.map((r) => (r.waitingMs / r.ms) * 100)), '%', null)
  } finally {
    await browser.close()
    await server.close()
    await rm(outDir, { recursive: true, force: true })
  }
}

await main()
