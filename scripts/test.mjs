#!/usr/bin/env node
/**
 * `npm test`: every check of the project, in order, each one's output streaming through, then
 * one closing line `N passed, N failed[, N skipped]` summing them all; exits 1 on any failure.
 *
 * Steps: typecheck, lint, unit, contract, addon (static checks), addon-lint (flake8, isort and
 * pylint with the OCA's rules), build, first-load (the size budget of what a new tablet downloads,
 * bench/first-load.bench.ts on that build), e2e, odoo.
 * Vitest, Playwright, the addon checks and the Odoo tests print their own `N passed, N failed`
 * line, which is parsed; typecheck, lint, build and first-load count as one check each; a step that ends
 * without its line counts as 1 failed.
 *
 * A step that could not run says why, loudly, counts its tests as skipped and is named again
 * under "NOT RUN" above the closing line (the Odoo tests without an Odoo checkout).
 *
 * TEST_ONLY=unit,contract runs only the named steps (for developers; CI runs them all).
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name)
const SUMMARY_LINE = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/
/** Only the tail of a step's output is kept: the summary is its last line. */
const KEPT_OUTPUT_CHARS = 64 * 1024
/** Same default as playwright.config.ts (which this plain-JS runner cannot import). */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium'
const PYTHON = '/usr/bin/python3'
/** Where `bash scripts/odoo-lab.sh checkout` puts Odoo (its ODOO_LAB default). */
const DEFAULT_ODOO_SRC = path.join(homedir(), 'odoo-lab', 'odoo-19.0')
const ADDON_TESTS = path.join(ROOT, 'odoo_addon', 'shopfloor_terminal', 'tests')
// Vitest colours its output under CI=true even into a pipe; NO_COLOR only there, because
// Playwright workers warn about NO_COLOR next to FORCE_COLOR.
const VITEST_ENV = { NO_COLOR: '1' }

/**
 * @typedef {{ passed: number, failed: number, skipped: number, notRun?: string }} Counts
 * @typedef {{ name: string, run: () => Promise<Counts> }} Step
 */

/** @type {Step[]} */
const STEPS = [
  { name: 'typecheck', run: () => runOnce('npm', ['run', '--silent', 'typecheck']) },
  { name: 'lint', run: () => runOnce('npm', ['run', '--silent', 'lint']) },
  { name: 'unit', run: () => runCounted(bin('vitest'), ['run', '--project', 'unit'], VITEST_ENV) },
  { name: 'contract', run: () => runCounted(bin('vitest'), ['run', '--project', 'contract'], VITEST_ENV) },
  { name: 'addon', run: addonChecks },
  { name: 'addon-lint', run: addonLint },
  { name: 'build', run: () => runOnce(bin('vite'), ['build']) },
  { name: 'first-load', run: firstLoad },
  { name: 'e2e', run: e2e },
  { name: 'odoo', run: odooTests },
]

const one = (outcome) => ({ passed: 0, failed: 0, skipped: 0, [outcome]: 1 })

/** Runs a command with its output streaming through; resolves with its exit code and the tail of its stdout. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    let tail = ''
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      tail = (tail + chunk.toString()).slice(-KEPT_OUTPUT_CHARS)
    })
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`)
      resolve({ code: 127, tail })
    })
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), tail }))
  })
}

/** A check that passes or fails as a whole, by its exit code. */
async function runOnce(command, args, env) {
  const { code } = await run(command, args, env)
  return one(code === 0 ? 'passed' : 'failed')
}

/** A suite that ends with its own `N passed, N failed[, N skipped]` line. */
async function runCounted(command, args, env) {
  const { code, tail } = await run(command, args, env)
  const lines = tail.split('\n').map((line) => line.trim()).filter(Boolean)
  const match = lines.findLast((line) => SUMMARY_LINE.test(line))?.match(SUMMARY_LINE)
  if (!match) {
    console.error(`(no "N passed, N failed" line from ${path.basename(command)} ${args.join(' ')}, exit ${code}: counted as 1 failed)`)
    return one('failed')
  }
  const counts = { passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3] ?? 0) }
  if (code !== 0 && counts.failed === 0) {
    console.error(`(exit ${code} although no test failed: counted as 1 failed)`)
    counts.failed = 1
  }
  return counts
}

async function addonChecks() {
  if (!existsSync(PYTHON)) {
    console.error(`${PYTHON} is missing; the addon's static checks need it: apt-get install -y python3`)
    return one('failed')
  }
  return runCounted(PYTHON, ['scripts/check-addon.py'])
}

/** The addon's Python through flake8, isort and pylint (`npm run lint:addon`), Debian's packages. */
async function addonLint() {
  const missing = ['flake8', 'isort', 'pylint'].filter((tool) => !onPath(tool))
  if (missing.length) {
    console.error(`${missing.join(', ')} missing; the addon's lint needs them: apt-get install -y ${missing.join(' ')}`)
    return one('failed')
  }
  return runOnce('npm', ['run', '--silent', 'lint:addon'])
}

/** Whether `command` is an executable on PATH. */
function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, command)))
}

/** Whether Chromium is there; says how to get it when not (the e2e tests and the first-load budget need it). */
function hasChromium() {
  if (existsSync(CHROMIUM_PATH)) return true
  console.error(
    `Chromium not found at ${CHROMIUM_PATH}. The e2e tests run in Debian's Chromium and make camera clips with ffmpeg:\n` +
      '  apt-get install -y chromium ffmpeg\n' +
      'or set CHROMIUM_PATH to a Chromium 156 binary.',
  )
  return false
}

/**
 * The first-load budget: a size, not a time, so it is a check and not only a figure. The bench
 * loads the build in Chromium and exits non-zero when the page fetched more than its goal.
 */
async function firstLoad() {
  if (!hasChromium()) return one('failed')
  return runOnce(bin('tsx'), ['bench/first-load.bench.ts'])
}

async function e2e() {
  if (!hasChromium()) return one('failed')
  return runCounted(bin('playwright'), ['test'])
}

async function odooTests() {
  const explicit = process.env.ODOO_SRC
  const odooSrc = explicit ?? DEFAULT_ODOO_SRC
  if (!existsSync(path.join(odooSrc, 'odoo-bin'))) {
    if (explicit) {
      console.error(`ODOO_SRC=${explicit} has no odoo-bin: point it at an Odoo 19.0 checkout.`)
      return one('failed')
    }
    const tests = countOdooTests()
    const why = `no Odoo 19 checkout at ${DEFAULT_ODOO_SRC}: the addon's ${tests} Odoo tests did NOT run`
    console.error(
      `!! ${why}.\n` +
        '!! Get one with `bash scripts/odoo-lab.sh checkout` (or set ODOO_SRC to yours): docs/odoo.md.\n' +
        `!! Counted as ${tests} skipped.`,
    )
    return { passed: 0, failed: 0, skipped: tests, notRun: why }
  }
  return runCounted('bash', ['scripts/test-odoo.sh'], { ODOO_SRC: odooSrc })
}

/** The addon's Odoo test methods, counted in their source (to report them as skipped when they cannot run). */
function countOdooTests() {
  const files = readdirSync(ADDON_TESTS).filter((name) => /^test_.*\.py$/.test(name))
  const count = files.reduce((n, name) => n + (readFileSync(path.join(ADDON_TESTS, name), 'utf8').match(/^\s+def test_/gm) ?? []).length, 0)
  return Math.max(count, 1)
}

/** The steps TEST_ONLY names, in the runner's order; all of them without it. */
function selectedSteps() {
  const only = process.env.TEST_ONLY?.split(',').map((name) => name.trim()).filter(Boolean)
  if (!only?.length) return STEPS
  const unknown = only.filter((name) => !STEPS.some((step) => step.name === name))
  if (unknown.length) {
    console.error(`TEST_ONLY: unknown step ${unknown.join(', ')}; the steps are ${STEPS.map((s) => s.name).join(', ')}`)
    process.exit(2)
  }
  return STEPS.filter((step) => only.includes(step.name))
}

function format({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`
}

const total = { passed: 0, failed: 0, skipped: 0 }
const recap = []
const notRun = []
for (const step of selectedSteps()) {
  console.info(`\n━━ ${step.name} ━━`)
  const started = Date.now()
  const counts = await step.run()
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  recap.push(`  ${step.name.padEnd(10)} ${format(counts).padEnd(32)} ${seconds} s`)
  for (const key of Object.keys(total)) total[key] += counts[key]
  if (counts.notRun) notRun.push(`  ${step.name}: ${counts.notRun}`)
}
console.info(`\n━━ summary ━━\n${recap.join('\n')}`)
if (notRun.length) console.info(`NOT RUN:\n${notRun.join('\n')}`)
console.info(format(total))
process.exitCode = total.failed > 0 ? 1 : 0
