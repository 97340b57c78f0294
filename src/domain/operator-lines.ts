/**
 * One operator, one time line at a time (docs/contract-decisions.md, "One operator's time lines never
 * overlap"). Pure: the demo backend judges its time lines with it; the Odoo addon applies the same rules
 * in services/operator_lines.py. Odoo Community itself lets one user time several work orders at once
 * (`mrp.workorder.button_start` skips only a work order the user already times), so the rule is the
 * terminal's, kept per operator.
 */

/** One of an operator's time lines on a work order (epoch ms; `end` null while it runs). */
export interface OperatorLine {
  workOrderId: number
  workCenterId: number
  start: number
  end: number | null
}

/** Why a time line event overlaps the operator's other time. */
export type OverlapReason = 'inside_line' | 'before_later_line' | 'running_elsewhere'

/** The operator's line an event would overlap, and why. */
export interface Overlap<L extends OperatorLine = OperatorLine> {
  line: L
  reason: OverlapReason
}

/** What a start does to the operator's other lines: the running lines it closes at its time, or an overlap. */
export type StartVerdict<L extends OperatorLine = OperatorLine> = { ok: true; close: L[] } | { ok: false; overlap: Overlap<L> }

/**
 * Judges a start at `at` against the operator's lines. A running line that started earlier on a work center
 * of this terminal is closed at `at` (the operator switched work orders); a start inside a closed line or
 * before a line that started later overlaps, and so does a line still running on another terminal's work
 * center (it is paused there, not from here). The caller has already made a start of what runs a no-op.
 */
export function judgeStart<L extends OperatorLine>(
  lines: readonly L[],
  at: number,
  ownWorkCenterIds: readonly number[],
): StartVerdict<L> {
  const close: L[] = []
  for (const line of lines) {
    if (line.end !== null && line.end <= at) continue
    if (line.start > at) return { ok: false, overlap: { line, reason: 'before_later_line' } }
    if (line.end !== null) return { ok: false, overlap: { line, reason: 'inside_line' } }
    if (!ownWorkCenterIds.includes(line.workCenterId)) return { ok: false, overlap: { line, reason: 'running_elsewhere' } }
    close.push(line)
  }
  return { ok: true, close }
}

/**
 * Judges closing the operator's line that started at `closingStart` (a pause or finish) at `at`: the other
 * line of theirs it would run over, if any. `others` are the operator's lines except the one being closed.
 */
export function judgeClose<L extends OperatorLine>(others: readonly L[], closingStart: number, at: number): Overlap<L> | undefined {
  const line = others.find((l) => l.start < at && (l.end === null || l.end > closingStart))
  return line ? { line, reason: 'inside_line' } : undefined
}
