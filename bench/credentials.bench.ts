/**
 * One badge or PIN check: a PBKDF2-HMAC-SHA256 derivation at the iterations the servers send
 * (src/domain/credentials.ts), in Debian's Chromium through WebCrypto (what the tablet runs), and in
 * Node through node:crypto (the demo backend's bootstrap, uncached). A slow tablet is several times
 * slower than a desktop core: the goal leaves it room under 100 ms.
 *
 * Run: npx tsx bench/credentials.bench.ts   (env CHROMIUM_PATH, BENCH_RUNS=20)
 */
import { pbkdf2Sync } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium } from '@playwright/test'
import { CREDENTIAL_HASH_BYTES, CREDENTIAL_ITERATIONS, credentialInput } from '../src/domain/credentials.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium'
const RUNS = Number(process.env.BENCH_RUNS ?? 20)
/** On this machine; a tablet 4–5 times slower then stays near 100 ms at worst. */
const GOAL_MS = 25

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
const input = credentialInput('pin', '1005', '0123456789abcdef0123456789abcdef', 5)

const node: number[] = []
for (let i = 0; i < RUNS; i++) {
  const start = performance.now()
  pbkdf2Sync(input.password, input.salt, CREDENTIAL_ITERATIONS, CREDENTIAL_HASH_BYTES, 'sha256')
  node.push(performance.now() - start)
}

// WebCrypto's subtle API exists only in a secure context: a page from 127.0.0.1, not about:blank.
const server = createServer((_request, response) => response.end('<!doctype html><title>bench</title>'))
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const browser = await chromium.launch({ executablePath: CHROMIUM })
try {
  const page = await browser.newPage()
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  const webCrypto = await page.evaluate(
    async ({ password, salt, iterations, runs }) => {
      const encoder = new TextEncoder()
      const times: number[] = []
      for (let i = 0; i < runs; i++) {
        const start = performance.now()
        const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits'])
        await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(salt), iterations }, key, 256)
        times.push(performance.now() - start)
      }
      return times
    },
    { password: input.password, salt: input.salt, iterations: CREDENTIAL_ITERATIONS, runs: RUNS },
  )
  console.info(`credential check (Chromium WebCrypto, ${CREDENTIAL_ITERATIONS} iterations, median of ${RUNS}): ${median(webCrypto).toFixed(1)} ms (goal ≤ ${GOAL_MS} ms here)`)
} finally {
  await browser.close()
  server.close()
}
console.info(`credential hash (node:crypto, ${CREDENTIAL_ITERATIONS} iterations, median of ${RUNS}): ${median(node).toFixed(1)} ms (no goal)`)
