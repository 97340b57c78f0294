/**
 * First-load JavaScript: how much a new tablet downloads before the terminal is usable.
 * Serves dist/ (built first when missing) from a plain static server, opens the app in a fresh
 * headless Chromium profile, and sums the gzip size of every script the *page* fetched until the
 * network went idle — not the service worker's precache downloads, not lazy chunks nobody asked
 * for. The camera decoder (ZXing) must be one of those lazy chunks; it is reported on its own.
 * Exits non-zero over the budget or with the decoder in the first load: `npm test` runs it as its
 * `first-load` step, after the build.
 *   npx tsx bench/first-load.bench.ts
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const DIST = path.join(ROOT, 'dist')
/** The budget (issue 14; issue 3 had 150), in KB of 1000 bytes (as Vite reports sizes). */
const GOAL_KB = 120
/** The lazily loaded ZXing chunk is named after its module, src/scan/camera-decoder.ts. */
const SCANNER_CHUNK = /^camera-decoder-.*\.js$/
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
}

const kb = (bytes: number): string => (bytes / 1000).toFixed(1)
const gzipBytes = (body: Buffer): number => gzipSync(body).length

/** Serves dist/ as the demo server does (index.html at `/`), on a free port. */
async function serveDist(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname
    const file = path.join(DIST, pathname === '/' ? 'index.html' : path.normalize(pathname))
    if (!file.startsWith(DIST)) return void response.writeHead(403).end()
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

/** The scripts the page fetched on a first visit, by file name, with their bodies. */
async function scriptsOfFirstVisit(origin: string): Promise<Map<string, Buffer>> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  try {
    const context = await browser.newContext({ serviceWorkers: 'allow' })
    const page = await context.newPage()
    const fetched = new Map<string, Buffer>()
    const bodies: Promise<void>[] = []
    page.on('response', (response) => {
      const request = response.request()
      if (request.resourceType() !== 'script' && !response.url().endsWith('.js')) return
      bodies.push(response.body().then((body) => void fetched.set(path.basename(new URL(response.url()).pathname), body)))
    })
    // networkidle (no request for 500 ms) also covers what the app loads right after mounting,
    // such as workbox-window for the service worker registration.
    await page.goto(origin, { waitUntil: 'networkidle' })
    await Promise.all(bodies)
    fetched.delete('sw.js')
    return fetched
  } finally {
    await browser.close()
  }
}

async function main(): Promise<void> {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    console.info('dist/ is missing: building it first')
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build'], { cwd: ROOT, stdio: 'inherit' })
  }
  const { server, origin } = await serveDist()
  let fetched: Map<string, Buffer>
  try {
    fetched = await scriptsOfFirstVisit(origin)
  } finally {
    server.close()
  }

  const firstLoad = [...fetched].map(([name, body]) => ({ name, gzip: gzipBytes(body) }))
  const allChunks = (await readdir(path.join(DIST, 'assets'))).filter((name) => name.endsWith('.js'))
  const lazy = await Promise.all(
    allChunks
      .filter((name) => !fetched.has(name))
      .map(async (name) => ({ name, gzip: gzipBytes(await readFile(path.join(DIST, 'assets', name))) })),
  )
  const scanner = allChunks.filter((name) => SCANNER_CHUNK.test(name))

  console.info('scripts fetched at first load:')
  for (const { name, gzip } of firstLoad) console.info(`  ${name.padEnd(40)} ${kb(gzip).padStart(7)} KB gzip`)
  console.info('lazy chunks, not fetched:')
  for (const { name, gzip } of lazy) console.info(`  ${name.padEnd(40)} ${kb(gzip).padStart(7)} KB gzip`)

  const total = firstLoad.reduce((sum, { gzip }) => sum + gzip, 0)
  console.info(`first-load JS: ${kb(total)} KB gzip (goal ≤ ${GOAL_KB} KB)`)
  if (scanner.length === 0) {
    console.info('scanner chunk: not found (expected assets/camera-decoder-*.js)')
    process.exitCode = 1
  }
  for (const name of scanner) {
    const loadedEarly = fetched.has(name)
    const size = loadedEarly ? gzipBytes(fetched.get(name) as Buffer) : (lazy.find((chunk) => chunk.name === name)?.gzip ?? 0)
    console.info(`scanner chunk: ${kb(size)} KB gzip (goal: lazy, ${loadedEarly ? 'but it was fetched at first load' : 'not fetched at first load'})`)
    if (loadedEarly) process.exitCode = 1
  }
  if (total > GOAL_KB * 1000) {
    console.error(`first-load JS is over its budget of ${GOAL_KB} KB gzip: load the new code on demand (docs/benchmarks.md)`)
    process.exitCode = 1
  }
}

await main()
