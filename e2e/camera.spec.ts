import { expect, test } from './fixtures'
import { CAMERA_CLIPS } from './camera-clips'
import { AppShell } from './page-models/app-shell'
import { CameraDialog } from './page-models/camera-dialog'
import { PairPage } from './page-models/pair-page'
import { SupervisorPage } from './page-models/supervisor-page'

/**
 * A real camera scan: Chromium's fake camera plays a clip of a barcode made by e2e/global-setup.ts;
 * the app decodes it with ZXing (lazy chunk) and resolves it to the seeded lot. One project per clip.
 */
test('the camera reads the lot on the label', async ({ page, pairingCode }, testInfo) => {
  const clip = CAMERA_CLIPS.find((c) => c.name === testInfo.project.metadata.clip)
  test.skip(clip === undefined, 'runs in the camera-<clip> projects only')
  if (clip === undefined) return
  const shell = new AppShell(page)
  // Keep every stream the page opens, to check the camera is released when the dialog closes.
  await page.addInitScript(() => {
    const streams: MediaStream[] = []
    Object.assign(window, { __cameraStreams: streams })
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices)
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints)
      streams.push(stream)
      return stream
    }
  })
  const liveTracks = () =>
    page.evaluate(() => {
      const streams = (window as unknown as { __cameraStreams: MediaStream[] }).__cameraStreams
      return streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length
    })

  const pairPage = await new PairPage(page).gotoWithCode(pairingCode)
  const signIn = await pairPage.pair(`Camera ${clip.name}`)
  await expect(signIn.heading).toBeVisible()
  await (await new SupervisorPage(page).goto()).setWedgeMaxGap(250)
  await page.goBack()
  const queue = await signIn.scanBadge('BADGE-1009')
  await expect(shell.operatorLink).toHaveAccessibleName('Switch operator: Grace Taylor')
  // The queue is a screen of its own chunk: the sign-in screen (with its own camera button) shows until it is there.
  await expect(queue.list).toBeVisible()

  await shell.scanButton.click()
  const camera = new CameraDialog(page)
  await expect(camera.root).toBeVisible()
  await expect(shell.notice(`Lot ${clip.lot} · ${clip.product}`)).toBeVisible({ timeout: 15_000 })
  expect(await liveTracks()).toBe(1)
  await camera.closeButton.click()
  await expect(camera.root).toBeHidden()
  await expect.poll(liveTracks).toBe(0)
})
