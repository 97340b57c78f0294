import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { applied, codeOf, event, idleWorkOrder, startHarness, type Harness } from './harness.ts'

const MINUTE = 60_000
const FAILURE = 2

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(() => h.close())

describe('is the work center down? judged at occurred_at', () => {
  test('a downtime logged 10:00–10:30 refuses a start at 10:15; a start at 10:40 replayed during a downtime from 10:50 applies', async () => {
    const wo = await idleWorkOrder(h)
    const at = (minutes: number) => h.now() - 120 * MINUTE + minutes * MINUTE // 10:00 is two hours ago
    applied((await h.send(event(h, 'downtime.start', wo.id, { loss_reason_id: FAILURE }, { at: at(0) })))[0])
    applied((await h.send(event(h, 'downtime.end', wo.id, {}, { at: at(30) })))[0])
    applied((await h.send(event(h, 'downtime.start', wo.id, { loss_reason_id: FAILURE }, { at: at(50) })))[0])

    const inside = (await h.send(event(h, 'workorder.start', wo.id, {}, { at: at(15) })))[0]
    expect(codeOf(inside)).toBe('workcenter_down')
    expect(inside).toMatchObject({ error: { details: { field: 'occurred_at', downtime_end: new Date(at(30)).toISOString() } } })

    const before = applied((await h.send(event(h, 'workorder.start', wo.id, {}, { at: at(40) })))[0])
    // the downtime that began at 10:50 stopped the timer then, as Odoo's Block does
    expect(before).toMatchObject({ state: 'progress', is_running: false })
    expect(before.duration).toBeCloseTo(wo.duration + 10, 5)
  })

  test('a finish dated before the downtime now open applies; one dated inside it is refused', async () => {
    const wo = await idleWorkOrder(h)
    applied((await h.send(event(h, 'workorder.start', wo.id, {}, { at: h.now() - 60 * MINUTE })))[0])
    applied((await h.send(event(h, 'downtime.start', wo.id, { loss_reason_id: FAILURE }, { at: h.now() - 20 * MINUTE })))[0])
    const late = (await h.send(event(h, 'workorder.finish', wo.id, { qty: 1 }, { at: h.now() - 10 * MINUTE })))[0]
    expect(codeOf(late)).toBe('workcenter_down')
    const finished = applied((await h.send(event(h, 'workorder.finish', wo.id, { qty: 1 }, { at: h.now() - 30 * MINUTE })))[0])
    expect(finished.state).toBe('done')
  })
})
