// https://playwright.dev/docs/test-configuration
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { defineConfig, devices, type Project } from '@playwright/test'
import { CAMERA_CLIPS, COMPONENT_CLIP } from './e2e/camera-clips.ts'

/**
 * Debian's Chromium, not Playwright's download (which cannot be fetched here). The real binary:
 * /usr/bin/chromium is a shell wrapper that adds flags from /etc/chromium.d.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium'
/** Never `--disable-features=…` here: it would replace Playwright's own list. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]
/** A pairing code in the demo backend's alphabet, fixed so a failing run can be repeated by hand. */
export const E2E_DEMO_PAIRING_CODE = 'E2EPAR23'
/**
 * The isolated cell of e2e/retime.spec.ts (server/seed/isolated-cells.ts): a work center, operator and work
 * orders of its own, which no other spec's terminal sees, since it stops that line and leaves its operator working.
 */
export const E2E_RETIME_CELL = 'RETIME'
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173)
const BASE_URL = `http://127.0.0.1:${E2E_PORT}`

// One scratch folder per run: the demo database and the copy of dist/ the server serves (e2e/pwa.spec.ts
// changes sw.js in that copy to publish an update). Playwright loads this file again in each worker;
// they inherit the variable, so the whole run shares one folder (removed by global setup's teardown).
process.env.E2E_TMP_DIR ??= mkdtempSync(path.join(tmpdir(), 'shopfloor-e2e-'))
/** The copy of dist/ the e2e server serves. */
export const E2E_DIST_DIR = path.join(process.env.E2E_TMP_DIR, 'dist')

/** The fake camera plays a file given as a *launch* flag, so each clip needs its own project (and browser). */
function cameraProject(clip: string): Project {
  return {
    name: `camera-${clip}`,
    // Every clip's label is read by camera.spec; only the component clip's also into the consume pad.
    testMatch: clip === COMPONENT_CLIP ? /camera.*\.spec\.ts/ : /camera\.spec\.ts/,
    metadata: { clip },
    use: {
      permissions: ['camera'],
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        args: [
          ...CHROMIUM_ARGS,
          '--use-fake-ui-for-media-stream',
          '--use-fake-device-for-media-stream',
          `--use-file-for-fake-video-capture=${path.resolve('e2e', '.fixtures', `${clip}.y4m`)}`,
        ],
      },
    },
  }
}

// `npm test` builds first; a bare `playwright test` builds only when dist/ is missing.
const build = existsSync('dist/index.html') ? '' : 'npx vite build && '
const serve = `${build}mkdir -p "$SHOPFLOOR_DIST_DIR" && cp -R dist/. "$SHOPFLOOR_DIST_DIR" && npx tsx server/main.ts`

export default defineConfig({
  testDir: 'e2e',
  // Its own folder when several runs share a checkout (each run empties its output folder first).
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  globalSetup: './e2e/global-setup.ts',
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['./e2e/summary-reporter.ts']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: BASE_URL,
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [
    {
      name: 'debian-chromium',
      // The screenshots spec rewrites docs/screenshots/: it runs only when asked for (SCREENSHOTS=1).
      testIgnore: process.env.SCREENSHOTS ? /camera.*\.spec\.ts/ : [/camera.*\.spec\.ts/, /screenshots\.spec\.ts/],
    },
    ...CAMERA_CLIPS.map((clip) => cameraProject(clip.name)),
  ],
  webServer: {
    command: serve,
    url: `${BASE_URL}/shopfloor_terminal/v1/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      HOST: '127.0.0.1',
      PORT: String(E2E_PORT),
      SHOPFLOOR_DATA_DIR: path.join(process.env.E2E_TMP_DIR, 'data'),
      SHOPFLOOR_DIST_DIR: E2E_DIST_DIR,
      SHOPFLOOR_DEMO_PAIRING_CODE: E2E_DEMO_PAIRING_CODE,
      // The seed is deterministic per work order: the first 48 (the demo's, which the other specs and the
      // screenshots use) stay as they are; 49-96 give recovery.spec.ts ready, untracked work orders of its
      // own, and the rest are layout.spec.ts's, which starts one per test.
      SHOPFLOOR_DEMO_WORKORDERS: '192',
      SHOPFLOOR_DEMO_CELLS: E2E_RETIME_CELL,
    },
  },
})
