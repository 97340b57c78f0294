import { expect, test } from './fixtures'
import { storedRows } from './page-models/device-storage'
import { InstructionsDialog } from './page-models/instructions-dialog'
import { PairPage } from './page-models/pair-page'
import { SupervisorPage } from './page-models/supervisor-page'
import { isReadyAndFree, serverWorkOrders } from './page-models/terminal-data'

/**
 * Work instructions offline: the demo's Mounting Bracket "Powder coating" asks for its instructions on start
 * and carries a PDF and a PNG (server/seed). After pairing, the terminal keeps both files; offline, starting the operation
 * opens the instructions, and both files open from the device.
 */
test('offline, starting an operation opens its instructions, and its PDF and image open from the device', async ({
  queuePage,
  page,
  context,
  request,
  terminalToken,
}) => {
  const workOrders = await serverWorkOrders(request, terminalToken)
  const target = workOrders.find((wo) => wo.open_instructions_on_start && (wo.attachments ?? []).length === 2 && isReadyAndFree(wo))
  if (!target) throw new Error('the demo plant has no free operation that opens instructions with two files: check server/seed')
  const instructions = new InstructionsDialog(page)
  // Every file of the terminal's work orders is kept after the first sync; the app's own chunks must come
  // from the service worker once offline.
  const offlineFiles = new Set(workOrders.flatMap((wo) => (wo.attachments ?? []).filter((f) => f.offline).map((f) => f.id)))
  await expect.poll(() => instructions.keptFiles()).toBe(offlineFiles.size)
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)

  await context.setOffline(true)
  const workOrder = await queuePage.open(target.production.name, target.name)
  await workOrder.startButton.click()

  await expect(instructions.root).toBeVisible()
  await expect(instructions.root).toContainText(target.note as string)

  const image = target.attachments?.find((f) => f.mimetype === 'image/png')
  const pdf = target.attachments?.find((f) => f.mimetype === 'application/pdf')
  await instructions.file(image?.name ?? '').click()
  await expect(instructions.image).toBeVisible()
  await expect.poll(() => instructions.image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160)
  await expect(instructions.image).toHaveAttribute('src', /^blob:/)

  await instructions.file(pdf?.name ?? '').click()
  await expect(instructions.pdf).toHaveAttribute('src', /^blob:/)
  const head = await instructions.pdf.evaluate(async (frame: HTMLIFrameElement) => {
    const bytes = await (await fetch(frame.src)).arrayBuffer()
    return new TextDecoder('latin1').decode(bytes.slice(0, 5))
  })
  expect(head).toBe('%PDF-')
})

/**
 * Unpair leaves nothing of the plant behind: once a supervisor authorizes "Pair again" with nothing waiting
 * for the server, the kept instruction files, the pairing and the work orders are gone from the device, and
 * offline the drawing can no longer be opened (there is nothing to open it from).
 */
test('pairing again with nothing unsent removes the kept instruction files and the plant data from the device', async ({ queuePage, page, request, terminalToken }) => {
  const workOrders = await serverWorkOrders(request, terminalToken)
  const offlineFiles = new Set(workOrders.flatMap((wo) => (wo.attachments ?? []).filter((f) => f.offline).map((f) => f.id)))
  const instructions = new InstructionsDialog(page)
  await expect.poll(() => instructions.keptFiles()).toBe(offlineFiles.size)
  await expect(queuePage.cards.first()).toBeVisible()

  const supervisor = await new SupervisorPage(page).goto()
  await supervisor.pairAgainButton.click()
  await supervisor.gate.authorize()

  await expect(new PairPage(page).heading).toBeVisible()
  expect(await instructions.keptFiles()).toBe(0)
  expect(await storedRows(page, 'shopfloor', 'session')).toBe(0)
  expect(await storedRows(page, 'shopfloor', 'workOrders')).toBe(0)
  expect(await storedRows(page, 'shopfloor', 'operators')).toBe(0)
})
