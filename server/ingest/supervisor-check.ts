import type { Ledger } from '../db/ledger.ts'
import type { ReferenceReader } from '../db/reference.ts'
import type { Terminal } from '../db/terminals.ts'
import { EventRejected } from './rejection.ts'

/** What a supervisor action (a discard, a resend) does with the terminal's rejected event. */
export type SupervisorAction = 'discard' | 'resend'

/**
 * The server's check, on replay, of what the tablet checked offline with a badge and PIN: a discard or a
 * resend of one of the terminal's rejected, unresolved events names the supervisor who authorized it (an
 * operator of the terminal's work centers allowed to release holds), or none when it carries out an office
 * decision, which must then be on the original's ledger row. Odoo's `services/supervisor_check.py` decides
 * the same.
 * @throws EventRejected `supervisor_required`
 */
export function assertSupervisorAction(
  deps: { references: ReferenceReader; ledger: Ledger },
  terminal: Terminal,
  supervisorId: number | null,
  originalId: string,
  action: SupervisorAction,
): void {
  const original = deps.ledger.get(originalId)
  const resolvesOne = original?.terminal_id === terminal.id && original.status === 'rejected' && original.resolution === null
  // A resend that resolves nothing is an ordinary event with a stray link; a discard is always a supervisor's.
  if (action === 'resend' && !resolvesOne) return
  if (supervisorId !== null) {
    if (deps.references.operatorOn(supervisorId, terminal.workCenterIds)?.canReleaseHolds === true) return
    throw new EventRejected(
      'supervisor_required',
      `Employee ${supervisorId} may not ${action} events on this terminal: a supervisor of its work centers must authorize it with badge and PIN.`,
      { employee_id: supervisorId },
    )
  }
  if (original?.terminal_id === terminal.id && original.decision === action) return
  throw new EventRejected(
    'supervisor_required',
    `No supervisor authorized this ${action} and the office decided none: a supervisor must authorize it with badge and PIN.`,
    { employee_id: null },
  )
}
