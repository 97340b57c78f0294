import type { ApiClient } from '../api/client'
import type { ShopfloorDb } from '../db/schema'
import { DISCARD_REASON_MAX, type OfficeDecision } from '../domain/contract'
import { discardDeadLetter, resendDeadLetter } from './dead-letters'

/**
 * The reason a discard decided in the office carries to the ledger: who decided and their note,
 * shortened to what the contract allows.
 */
export function officeDiscardReason(decision: OfficeDecision): string {
  const reason = `Discarded in Odoo by ${decision.decided_by}${decision.note ? `: ${decision.note}` : ''}`
  return reason.length > DISCARD_REASON_MAX ? `${reason.slice(0, DISCARD_REASON_MAX - 1)}…` : reason
}

/**
 * Carries out the supervisors' decisions from the office (`GET /decisions`) as if they had pressed the
 * button on the tablet: resend as is, or discard with "Discarded in Odoo by <name>: <note>", each in
 * the dead event's place, with no supervisor of the tablet (`resolved_by` null) and who decided kept in
 * the dead letter's resolution. A decision on an event this tablet already resolved, or no longer has,
 * is skipped: its own resend or discard is already on its way. Returns how many it carried out.
 */
export async function carryOutDecisions(db: ShopfloorDb, client: ApiClient): Promise<number> {
  const decisions = await client.decisions()
  let done = 0
  for (const decision of decisions) {
    const dead = await db.deadLetters.get(decision.event_id.toLowerCase())
    if (!dead || dead.resolved === 1) continue
    const as = { decidedBy: decision.decided_by }
    if (decision.action === 'resend') await resendDeadLetter(db, dead.id, undefined, as)
    else await discardDeadLetter(db, dead.id, officeDiscardReason(decision), as)
    done++
  }
  return done
}
