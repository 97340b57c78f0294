/**
 * Renders the app's icons from one drawing: public/favicon.svg and the PNGs the web manifest
 * lists (public/icons/icon-192.png, icon-512.png, icon-maskable-512.png), through Chromium's
 * screenshot so the PNGs are real raster files. Run after changing the art:
 *   npx tsx scripts/make-icons.ts
 * The PNGs are committed; the build only copies them.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config.ts'

const PUBLIC_DIR = path.resolve(import.meta.dirname, '..', 'public')
const BACKGROUND = '#0f172a'
const FOREGROUND = '#facc15'
/** The art: a floor line and three production bars, on a 64-unit grid centred on (32, 32). */
const ART_PATH = 'M14 44h36v6H14zM18 20h8v20h-8zM30 14h8v26h-8zM42 26h8v14h-8z'
/**
 * A maskable icon's visible part is only the centred circle of radius 40 % of the size
 * (https://web.dev/articles/maskable-icon#what_is_the_safe_zone). The art's far corners are
 * 25.5 units from the centre, so scaling it by 0.8 keeps them at 20.4 / 64 = 32 % — inside.
 */
const MASKABLE_ART_SCALE = 0.8

interface IconSpec {
  file: string
  size: number
  maskable: boolean
}

const ICONS: readonly IconSpec[] = [
  { file: 'icons/icon-192.png', size: 192, maskable: false },
  { file: 'icons/icon-512.png', size: 512, maskable: false },
  { file: 'icons/icon-maskable-512.png', size: 512, maskable: true },
]

/** The icon as SVG: rounded tile for "any" icons, full-bleed square with the art in the safe zone for maskable ones. */
function iconSvg(maskable: boolean): string {
  const tile = maskable
    ? `<rect width="64" height="64" fill="${BACKGROUND}"/>`
    : `<rect width="64" height="64" rx="12" fill="${BACKGROUND}"/>`
  const transform = maskable ? ` transform="translate(32 32) scale(${MASKABLE_ART_SCALE}) translate(-32 -32)"` : ''
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">${tile}<path d="${ART_PATH}" fill="${FOREGROUND}"${transform}/></svg>`
}

async function main(): Promise<void> {
  await mkdir(path.join(PUBLIC_DIR, 'icons'), { recursive: true })
  await writeFile(path.join(PUBLIC_DIR, 'favicon.svg'), `${iconSvg(false)}\n`)
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  try {
    for (const icon of ICONS) {
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } })
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${iconSvg(icon.maskable).replace(
          '<svg ',
          `<svg width="${icon.size}" height="${icon.size}" style="display:block" `,
        )}</body></html>`,
      )
      await page.screenshot({ path: path.join(PUBLIC_DIR, icon.file), omitBackground: true })
      await page.close()
      console.info(`wrote public/${icon.file} (${icon.size}x${icon.size}${icon.maskable ? ', maskable' : ''})`)
    }
  } finally {
    await browser.close()
  }
}

await main()
