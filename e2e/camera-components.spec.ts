import type { WorkOrder } from '../src/domain/contract'
import { COMPONENT_CLIP, CAMERA_CLIPS } from './camera-clips'
import { expect, test } from './fixtures'
import { AppShell } from './page-models/app-shell'
import { readRecorded, serverWorkOrders } from './page-models/terminal-data'

/**
 * A component lot read by the camera: on a Drawer's Cutting, the consume pad's Scan button opens the
 * fake camera, which plays a GS1-128 label of a plywood lot; the lot fills the field and, once
 * consumed, the server lists it on the component line. Runs in the camera-gs1-component project only.
 */
test('the camera reads a component lot into the consume pad', async ({ queuePage, page, request }, testInfo) => {
  const clip = CAMERA_CLIPS.find((c) => c.name === testInfo.project.metadata.clip)
  if (clip?.name !== COMPONENT_CLIP) throw new Error(`runs in the camera-${COMPONENT_CLIP} project only (playwright.config.ts)`)
  const shell = new AppShell(page)
  const { token } = await readRecorded(page)
  // A Drawer's Cutting nobody started: WH/MO/00001 is the shift spec's.
  const isFreshCutting = (wo: WorkOrder) =>
    wo.product.display_name.includes('Drawer') &&
    wo.name === 'Cutting' &&
    wo.state === 'ready' &&
    wo.production.name !== 'WH/MO/00001' &&
    wo.holds.length === 0
  const cutting = (await serverWorkOrders(request, token)).find(isFreshCutting)
  if (!cutting) throw new Error('the demo plant needs a second Drawer order whose Cutting is ready: check server/seed')

  const wo = await queuePage.open(cutting.production.name, 'Cutting')
  await page.getByRole('button', { name: `Consume ${clip.product}` }).click()
  const consume = wo.dialog(`Consume ${clip.product}`)
  await consume.root.getByRole('button', { name: 'Scan with the camera: Lot / serial' }).click()
  // The camera dialog is titled after the field it fills, and closes on the first code it reads.
  await expect(page.getByRole('dialog', { name: 'Lot / serial' })).toBeHidden({ timeout: 15_000 })
  await expect(consume.field('Lot / serial')).toHaveValue(clip.lot, { timeout: 15_000 })
  await consume.clearPad()
  await consume.typeOnPad('2')
  await consume.button('Consume').click()
  await expect(wo.componentRow(clip.product)).toContainText(`${clip.lot} (2)`)

  await expect(shell.syncIndicator).toHaveAccessibleName('Sync status: Synced', { timeout: 15_000 })
  const server = (await serverWorkOrders(request, token)).find((w) => w.id === cutting.id)
  expect(server?.components.find((c) => c.product.display_name === clip.product)?.lots).toEqual([{ name: clip.lot, qty: 2 }])
})
