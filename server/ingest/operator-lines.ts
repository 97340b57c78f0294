import { judgeClose, judgeStart, type Overlap } from '../../src/domain/operator-lines.ts'
import type { ApplyContext } from './apply-context.ts'
import { EventRejected } from './rejection.ts'

/**
 * One operator's time lines never overlap, judged by src/domain/operator-lines.ts over the demo's time
 * lines (Odoo: services/operator_lines.py). Events without an operator keep the work order's own rule (one
 * timer per work order).
 */

const MESSAGES: Record<Overlap['reason'], string> = {
  inside_line: 'This operator was already working at that time: a supervisor can resend the event with the right time.',
  before_later_line: "This operator's time already has a later line: check the device clock, then a supervisor can resend it.",
  running_elsewhere: 'This operator is still working on a work order of another terminal: pause it there first.',
}

function overlapRejected(employeeId: number, at: number, { line, reason }: Overlap): EventRejected {
  return new EventRejected('operator_time_overlap', MESSAGES[reason], {
    field: 'occurred_at',
    occurred_at: new Date(at).toISOString(),
    employee_id: employeeId,
    workorder_id: line.workOrderId,
    line_start: new Date(line.start).toISOString(),
    line_end: line.end === null ? null : new Date(line.end).toISOString(),
  })
}

/** Before a start at `at`: closes the operator's running line on another work order at `at`, or refuses. */
export function switchOperatorLines(ctx: ApplyContext, employeeId: number | null, at: number): void {
  if (employeeId === null) return
  const verdict = judgeStart(ctx.plant.operatorLines(employeeId, at), at, ctx.terminal.workCenterIds)
  if (!verdict.ok) throw overlapRejected(employeeId, at, verdict.overlap)
  for (const line of verdict.close) {
    ctx.plant.closeLine(line.id, at)
    ctx.changes.touchWorkOrders([line.workOrderId])
  }
}

/** Before a pause or finish at `at`: refuses closing the work order's running line over the operator's other time. */
export function assertClosesOverNoOtherLine(ctx: ApplyContext, employeeId: number | null, at: number): void {
  const started = ctx.plant.openTimersSince(ctx.workOrder.id)
  if (employeeId === null || started === undefined) return
  const others = ctx.plant
    .operatorLines(employeeId, started)
    .filter((line) => !(line.workOrderId === ctx.workOrder.id && line.end === null))
  const overlap = judgeClose(others, started, at)
  if (overlap) throw overlapRejected(employeeId, at, overlap)
}
