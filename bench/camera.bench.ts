/**
 * Camera decode latency: the time from a barcode frame appearing in the camera stream to the
 * decoded result, through the app's own decoder module (src/scan/camera-decoder.ts, ZXing with the
 * app's hints and attempt delay) in Debian's Chromium. The "camera" is a canvas stream: it shows a
 * blank frame while the decoder runs, then the barcode, and the clock starts when it is drawn.
 * Also measured: one decode attempt on a still frame (the cost of each attempt).
 *
 * Run: npx tsx bench/camera.bench.ts   (env CHROMIUM_PATH, BENCH_RUNS=10)
 */
import { chromium } from '@playwright/test'
import bwipjs from 'bwip-js/node'
import { createServer } from 'vite'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium'
const RUNS = Number(process.env.BENCH_RUNS ?? 10)
const GOAL_MS = 250

const SYMBOLS = [
  { name: 'code128', bcid: 'code128', text: 'LOT-0001' },
  { name: 'gs1-128', bcid: 'gs1-128', text: '(01)04006381000161(10)LOT-0001(17)271231' },
  { name: 'gs1datamatrix', bcid: 'gs1datamatrix', text: '(01)04006381000161(10)LOT-0001(17)271231' },
  { name: 'qrcode', bcid: 'qrcode', text: 'http://127.0.0.1:8080/#/pair?code=ABCD2345' },
  { name: 'ean13', bcid: 'ean13', text: '4006381000161' },
] as const

interface Figures {
  latencies: number[]
  stillDecodeMs: number[]
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN
}

async function main(): Promise<void> {
  // A blank page at `/` (not the app), no HMR and no file watching: edits elsewhere must not reload the page mid-run.
  const vite = await createServer({
    appType: 'custom',
    server: { port: 0, host: '127.0.0.1', hmr: false, watch: null },
    logLevel: 'error',
    plugins: [
      {
        name: 'bench-blank-page',
        configureServer(server) {
          server.middlewares.use((req, res, next) => {
            if (req.url !== '/') return next()
            res.setHeader('Content-Type', 'text/html')
            res.end('<!doctype html><title>camera bench</title>')
          })
        },
      },
    ],
  })
  await vite.listen()
  const address = vite.httpServer?.address()
  if (address === null || address === undefined || typeof address === 'string') throw new Error('the Vite server has no port')
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] })
  try {
    const page = await browser.newPage()
    // tsx (esbuild keepNames) wraps named functions in __name(); the page has no such helper.
    await page.addInitScript('window.__name = (fn) => fn')
    await page.goto(`http://127.0.0.1:${address.port}/`)
    for (const symbol of SYMBOLS) {
      const png = await bwipjs.toBuffer({ bcid: symbol.bcid, text: symbol.text, scale: 3, paddingwidth: 10, paddingheight: 10, backgroundcolor: 'FFFFFF' })
      const figures = await page.evaluate(
        async ({ dataUrl, runs, decoderUrl }): Promise<Figures> => {
          const decoder = (await import(/* @vite-ignore */ decoderUrl)) as typeof import('../src/scan/camera-decoder')
          const image = new Image()
          image.src = dataUrl
          await image.decode()
          const canvas = document.createElement('canvas')
          canvas.width = 640
          canvas.height = 480
          const ctx = canvas.getContext('2d')
          if (ctx === null) throw new Error('no 2d canvas')
          const blank = () => {
            ctx.fillStyle = '#fff'
            ctx.fillRect(0, 0, 640, 480)
          }
          const show = () => {
            const scale = Math.min(600 / image.width, 1)
            const w = image.width * scale
            const h = image.height * scale
            blank()
            ctx.drawImage(image, (640 - w) / 2, (480 - h) / 2, w, h)
          }
          const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
          const latencies: number[] = []
          const stillDecodeMs: number[] = []
          for (let i = 0; i < runs; i++) {
            show()
            const t = performance.now()
            if (decoder.decodeCanvas(canvas) === null) throw new Error('the still frame did not decode')
            stillDecodeMs.push(performance.now() - t)
          }
          blank()
          const stream = canvas.captureStream(30)
          const video = document.createElement('video')
          video.muted = true
          document.body.append(video)
          let shownAt = 0
          let resolveRun: (ms: number) => void = () => {}
          const stop = await decoder.decodeStream(stream, video, () => resolveRun(performance.now() - shownAt))
          for (let i = 0; i < runs; i++) {
            blank()
            // Keep the blank frame long enough for several failed attempts, at a random phase of the decode loop.
            await sleep(300 + Math.random() * 100)
            const decoded = new Promise<number>((r) => (resolveRun = r))
            shownAt = performance.now()
            show()
            latencies.push(await decoded)
            resolveRun = () => {}
          }
          stop()
          for (const track of stream.getTracks()) track.stop()
          return { latencies, stillDecodeMs }
        },
        // The module as the Vite dev server serves it: the same code the app loads lazily.
        { dataUrl: `data:image/png;base64,${png.toString('base64')}`, runs: RUNS, decoderUrl: '/src/scan/camera-decoder.ts' },
      )
      const lat = [...figures.latencies].sort((a, b) => a - b)
      const still = [...figures.stillDecodeMs].sort((a, b) => a - b)
      console.info(`camera decode latency ${symbol.name} p50: ${percentile(lat, 0.5).toFixed(0)} ms (goal ≤ ${GOAL_MS} ms)`)
      console.info(`camera decode latency ${symbol.name} max: ${lat[lat.length - 1]?.toFixed(0)} ms (goal ≤ ${GOAL_MS} ms)`)
      console.info(`camera still-frame decode ${symbol.name} p50: ${percentile(still, 0.5).toFixed(1)} ms (no goal)`)
    }
  } finally {
    await browser.close()
    await vite.close()
  }
}

await main()
