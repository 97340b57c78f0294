import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { applied, codeOf, event, idleWorkOrder, startHarness, type Harness } from './harness.ts'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(() => h.close())

describe('time integrity', () => {
  test('a start dated 1970 (a reset tablet clock) is refused occurred_too_old and costs no labour', async () => {
    const wo = await idleWorkOrder(h)
    const result = (await h.send(event(h, 'workorder.start', wo.id, {}, { at: Date.parse('1970-01-02T00:00:00Z') })))[0]
    expect(result).toMatchObject({
      status: 'rejected',
      error: { code: 'occurred_too_old', details: { field: 'occurred_at', max_age_days: 7 } },
    })
    expect(h.server.workOrder(wo.id)).toMatchObject({ state: 'ready', is_running: false, duration: 0 })
  })

  test('the window is 7 days: 6 days late still applies, 8 days late is refused', async () => {
    const wo = await idleWorkOrder(h)
    expect(codeOf((await h.send(event(h, 'workorder.start', wo.id, {}, { at: h.now() - 8 * DAY })))[0])).toBe('occurred_too_old')
    applied((await h.send(event(h, 'workorder.start', wo.id, {}, { at: h.now() - 6 * DAY })))[0])
  })

  test('finish and downtime end before the start they close are refused occurred_before_start', async () => {
    const wo = await idleWorkOrder(h)
    applied((await h.send(event(h, 'workorder.start', wo.id, {}, { at: h.now() - MINUTE })))[0])
    const finish = (await h.send(event(h, 'workorder.finish', wo.id, { qty: 1 }, { at: h.now() - 10 * MINUTE })))[0]
    expect(codeOf(finish)).toBe('occurred_before_start')
    expect(h.server.workOrder(wo.id)?.state).toBe('progress')

    const lossId = (await h.bootstrap()).loss_reasons.find((loss) => loss.loss_type === 'availability')?.id as number
    applied((await h.send(event(h, 'downtime.start', wo.id, { loss_reason_id: lossId }, { at: h.now() })))[0])
    expect(codeOf((await h.send(event(h, 'downtime.end', wo.id, {}, { at: h.now() - MINUTE })))[0])).toBe('occurred_before_start')
    applied((await h.send(event(h, 'downtime.end', wo.id, {}, { at: h.now() + MINUTE })))[0])
  })
})
