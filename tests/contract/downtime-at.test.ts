import { describe, expect, test } from 'vitest'
import {
  appliedWorkOrder,
  claimWorkOrder,
  minutesAgo,
  newEvent,
  operatorId,
  ownOperatorId,
  reasonId,
  sendEvent,
  sendEvents,
  skipIfOperatorTimeTaken,
  skipIfWorkOrderTooYoung,
} from './fixtures.ts'

describe('events: is the work center down? judged at occurred_at', () => {
  test('a start dated inside a downtime that has since ended is rejected workcenter_down', async (ctx) => {
    const employeeId = await operatorId(ctx)
    const lossReasonId = await reasonId(ctx, 'loss_reasons')
    const wo = await claimWorkOrder(ctx)
    const results = await sendEvents([
      newEvent('downtime.start', wo.id, { loss_reason_id: lossReasonId }, { employeeId, occurredAt: minutesAgo(60) }),
      newEvent('downtime.end', wo.id, {}, { employeeId, occurredAt: minutesAgo(40) }),
    ])
    skipIfWorkOrderTooYoung(ctx, results)
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied'])
    const replayed = await sendEvent(newEvent('workorder.start', wo.id, {}, { employeeId, occurredAt: minutesAgo(50) }))
    expect(replayed).toMatchObject({ status: 'rejected', error: { code: 'workcenter_down', details: { field: 'occurred_at' } } })
    if (replayed.status === 'rejected') expect(replayed.workorder?.is_running).toBe(false)
  })

  test('a start dated before the downtime now open applies, and that downtime stopped its timer when it began', async (ctx) => {
    const employeeId = await ownOperatorId(ctx, 8)
    const lossReasonId = await reasonId(ctx, 'loss_reasons')
    const wo = await claimWorkOrder(ctx)
    const down = await sendEvent(newEvent('downtime.start', wo.id, { loss_reason_id: lossReasonId }, { employeeId, occurredAt: minutesAgo(20) }))
    skipIfWorkOrderTooYoung(ctx, [down])
    expect(down.status).toBe('applied')
    try {
      const start = await sendEvent(newEvent('workorder.start', wo.id, {}, { employeeId, occurredAt: minutesAgo(30) }))
      skipIfOperatorTimeTaken(ctx, [start])
      const started = appliedWorkOrder(start)
      expect(started).toMatchObject({ state: 'progress', is_running: false, is_blocked: true })
      expect(started.duration).toBeCloseTo(wo.duration + 10, 1)
    } finally {
      expect((await sendEvent(newEvent('downtime.end', wo.id, {}, { employeeId }))).status).toBe('applied')
    }
  })
})
