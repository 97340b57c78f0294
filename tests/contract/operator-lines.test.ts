import { describe, expect, test } from 'vitest'
import {
  appliedWorkOrder,
  claimWorkOrder,
  currentWorkOrder,
  minutesAgo,
  newEvent,
  ownOperatorId,
  sendEvent,
  sendEvents,
  skipIfOperatorTimeTaken,
  skipIfWorkOrderTooYoung,
} from './fixtures.ts'

describe("events: one operator's time lines never overlap", () => {
  test('starting another work order closes the operator’s running line there at the start’s time', async (ctx) => {
    const employeeId = await ownOperatorId(ctx, 6)
    const first = await claimWorkOrder(ctx)
    const second = await claimWorkOrder(ctx)
    try {
      const results = await sendEvents([
        newEvent('workorder.start', first.id, {}, { employeeId, occurredAt: minutesAgo(30) }),
        newEvent('workorder.start', second.id, {}, { employeeId, occurredAt: minutesAgo(10) }),
      ])
      skipIfWorkOrderTooYoung(ctx, results)
      skipIfOperatorTimeTaken(ctx, results)
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied'])
      expect(appliedWorkOrder(results[1] as (typeof results)[number]).is_running).toBe(true)
      const left = await currentWorkOrder(first.id)
      expect(left).toMatchObject({ state: 'progress', is_running: false })
      expect(left?.duration).toBeCloseTo(first.duration + 20, 1)
    } finally {
      // leaves the operator idle, so a later run of the suite on this server finds their time free
      expect((await sendEvent(newEvent('workorder.pause', second.id, {}, { employeeId }))).status).toBe('applied')
    }
  })

  test('a start replayed inside the operator’s closed line is rejected operator_time_overlap and records nothing', async (ctx) => {
    const employeeId = await ownOperatorId(ctx, 7)
    const worked = await claimWorkOrder(ctx)
    const other = await claimWorkOrder(ctx)
    const results = await sendEvents([
      newEvent('workorder.start', worked.id, {}, { employeeId, occurredAt: minutesAgo(50) }),
      newEvent('workorder.pause', worked.id, {}, { employeeId, occurredAt: minutesAgo(30) }),
    ])
    skipIfWorkOrderTooYoung(ctx, results)
    skipIfOperatorTimeTaken(ctx, results)
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied'])
    const replayed = await sendEvent(newEvent('workorder.start', other.id, {}, { employeeId, occurredAt: minutesAgo(40) }))
    expect(replayed).toMatchObject({
      status: 'rejected',
      error: { code: 'operator_time_overlap', details: { field: 'occurred_at', employee_id: employeeId, workorder_id: worked.id } },
    })
    expect(await currentWorkOrder(other.id)).toMatchObject({ is_running: false, duration: other.duration })
  })
})
