import type { Applier } from '../apply-context.ts'
import { assertClosesAfterStart } from '../time-bounds.ts'
import { EventRejected } from '../rejection.ts'

/** Ends the open downtime of the work order's work center at occurred_at. */
export const applyDowntimeEnd: Applier<'downtime.end'> = (ctx, event) => {
  const centerId = ctx.workOrder.work_center_id
  const lineId = ctx.plant.openDowntimeId(centerId)
  if (lineId === undefined) {
    throw new EventRejected('downtime_not_open', 'The work center has no open downtime to end.', { work_center_id: centerId })
  }
  assertClosesAfterStart(event.occurredAtMs, ctx.plant.lineStart(lineId))
  ctx.plant.closeLine(lineId, event.occurredAtMs)
  ctx.changes.touchWorkCenter(centerId)
}
