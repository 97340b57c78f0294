import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { WorkOrder } from '../../../src/domain/contract.ts'
import { applied, codeOf, event, otherTerminal, startHarness, type Harness } from './harness.ts'

/** The demo supervisor: may release holds, allowed on every work center. */
const SUPERVISOR = 9

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(() => h.close())

/** A held work order and a terminal bound only to another work center. */
async function holdAndOtherLine(): Promise<{ wo: WorkOrder; holdId: number; other: Harness }> {
  const workOrders = await h.workOrders()
  const wo = workOrders.find((w) => w.state === 'ready' && w.holds.length === 0 && w.product.tracking === 'none') as WorkOrder
  const reasonId = (await h.bootstrap()).hold_reasons[0]?.id as number
  const held = applied((await h.send(event(h, 'quality.hold', wo.id, { reason_id: reasonId }, { employeeId: SUPERVISOR })))[0])
  const otherCenter = workOrders.find((w) => w.work_center.id !== wo.work_center.id)?.work_center.id as number
  return { wo, holdId: held.holds[0]?.id as number, other: await otherTerminal(h, [otherCenter]) }
}

describe('authority stays within the terminal’s work centers', () => {
  test('a terminal of another work center cannot release a hold, even signed by a releaser; its own terminal can', async () => {
    const { wo, holdId, other } = await holdAndOtherLine()
    const refused = (await other.send(event(h, 'quality.release', wo.id, { hold_id: holdId }, { employeeId: SUPERVISOR })))[0]
    expect(codeOf(refused)).toBe('workorder_forbidden')
    const ownOrder = (await other.workOrders())[0] as WorkOrder
    const viaOwnOrder = (await other.send(event(h, 'quality.release', ownOrder.id, { hold_id: holdId }, { employeeId: SUPERVISOR })))[0]
    expect(codeOf(viaOwnOrder)).toBe('hold_forbidden')
    expect(h.server.workOrder(wo.id)?.holds.map((hold) => hold.id)).toEqual([holdId])

    const released = applied((await h.send(event(h, 'quality.release', wo.id, { hold_id: holdId }, { employeeId: SUPERVISOR })))[0])
    expect(released.holds).toEqual([])
  })

  test('a terminal of another work center cannot touch the work order itself', async () => {
    const { wo, other } = await holdAndOtherLine()
    for (const type of ['workorder.start', 'downtime.end'] as const) {
      expect(codeOf((await other.send(event(h, type, wo.id, {}, { employeeId: SUPERVISOR })))[0])).toBe('workorder_forbidden')
    }
  })
})
