#!/usr/bin/env node
/**
 * `npm run bench`: runs every bench/*.bench.ts with tsx, one after another, their output
 * streaming through, then repeats the figures they printed in one closing list.
 * A figure is a line `name: value unit (goal …)` — the parenthetical says the goal, or "no goal".
 * dist/ is built first when it is missing or older than the sources (the first-load bench reads it).
 * bench/odoo-replay.ts and bench/odoo-fleet.ts need a live Odoo and run only when ODOO_URL is set.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
const BENCH_DIR = path.join(ROOT, 'bench')
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name)
const FIGURE = /^[^\s:][^:]*: -?\d[\d.,]*\s*[^(]*\([^)]*\)\s*$/
/** What the build reads: when one of these is newer than dist/index.html, dist/ is stale. */
const BUILD_INPUTS = ['src', 'public', 'build', 'index.html', 'vite.config.ts', 'package-lock.json']

/** Newest modification time under `target` (a file or a folder), in ms. */
function newestMtime(target) {
  if (!existsSync(target)) return 0
  const stat = statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(target).reduce((newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))), stat.mtimeMs)
}

function buildIfStale() {
  const built = path.join(ROOT, 'dist', 'index.html')
  const sources = Math.max(...BUILD_INPUTS.map((input) => newestMtime(path.join(ROOT, input))))
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return true
  console.info('dist/ is missing or older than the sources: building it first')
  return spawnSync(bin('vite'), ['build'], { cwd: ROOT, stdio: 'inherit' }).status === 0
}

/** Runs one bench; resolves with its exit code and the figure lines it printed. */
function runBench(file) {
  return new Promise((resolve) => {
    const child = spawn(bin('tsx'), [file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    const figures = []
    let pending = ''
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      const lines = (pending + chunk.toString()).split('\n')
      pending = lines.pop() ?? ''
      figures.push(...lines.filter((line) => FIGURE.test(line)))
    })
    child.on('error', (error) => console.error(`could not start tsx: ${error.message}`))
    child.on('close', (code) => {
      if (FIGURE.test(pending)) figures.push(pending)
      resolve({ code: code ?? 1, figures })
    })
  })
}

const benches = readdirSync(BENCH_DIR)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort()
  .map((name) => path.join('bench', name))
const skipped = []
for (const odooBench of ['odoo-replay.ts', 'odoo-fleet.ts'].map((name) => path.join('bench', name))) {
  if (!existsSync(path.join(ROOT, odooBench))) continue
  if (process.env.ODOO_URL) benches.push(odooBench)
  else skipped.push(`${odooBench}: skipped, it needs a live Odoo (set ODOO_URL, see docs/benchmarks.md)`)
}

if (!buildIfStale()) {
  console.error('vite build failed: no benchmark ran')
  process.exit(1)
}

const results = []
for (const file of benches) {
  console.info(`\n━━ ${file} ━━`)
  results.push({ file, ...(await runBench(file)) })
}

console.info('\n━━ figures ━━')
for (const { file, code, figures } of results) {
  console.info(`${file}${code === 0 ? '' : ` (exit ${code})`}`)
  for (const figure of figures) console.info(`  ${figure.trim()}`)
  if (figures.length === 0) console.info('  (no figures printed)')
}
for (const line of skipped) console.info(line)
const failed = results.filter(({ code }) => code !== 0)
if (failed.length) {
  console.error(`${failed.length} of ${results.length} benchmarks failed: ${failed.map(({ file }) => file).join(', ')}`)
  process.exitCode = 1
}
