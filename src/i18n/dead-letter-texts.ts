/** Failed events (dead letters) in the operator's language, for the supervisor screen. */
import type { TerminalEvent, WorkOrder } from '../domain/contract'
import type { DeadLetterResolution } from '../db/rows'
import { eventTypeText } from './event-texts'
import { i18n } from './index'
import { measureText, workOrderText } from './quantity-text'

/** What the supervisor screen needs of a dead letter to name it. */
export interface DeadLetterRef {
  event: Pick<TerminalEvent, 'type'>
  workorderId: number
  /** Epoch ms. */
  deadAt: number
}

/** "Finish on WH/MO/00005 · Assembly · Table, 11/26/26, 2:05 PM": the event, its work order and when it failed. */
export function deadLetterTitle(dead: DeadLetterRef, workOrders: ReadonlyMap<number, WorkOrder>): string {
  const { t, d } = i18n.global
  return t('supervisor.deadLetter', { type: eventTypeText(dead.event.type), wo: workOrderText(workOrders.get(dead.workorderId)), time: d(dead.deadAt, 'dateTime') })
}

/**
 * What a supervisor must know before discarding: each event waiting behind the dead one
 * ("A finish waits behind this event: finishing records 6 × Units.").
 */
export function heldBehindText(held: readonly TerminalEvent[], uom: string): string[] {
  const { t } = i18n.global
  return held.map((e) =>
    e.type === 'workorder.finish'
      ? t('supervisor.heldFinish', { amount: measureText(e.payload.qty, uom) })
      : t('supervisor.heldOther', { type: eventTypeText(e.type) }),
  )
}

/**
 * How a dead letter was resolved, with who decided: a supervisor on this tablet (by operator name) or
 * in the office ("in Odoo by Mitchell Admin").
 */
export function resolutionText(dead: { resolution: DeadLetterResolution | null }, operatorName: (id: number) => string | undefined): string {
  const { t } = i18n.global
  const resolution = dead.resolution
  if (resolution === null) return ''
  const by = resolution.decidedBy
    ? t('supervisor.decidedInOdoo', { name: resolution.decidedBy })
    : resolution.operatorId === null
      ? ''
      : t('supervisor.decidedBy', { name: operatorName(resolution.operatorId) ?? `#${resolution.operatorId}` })
  return resolution.kind === 'resent' ? t('supervisor.wasResent', { by }) : t('supervisor.wasDiscarded', { by, reason: resolution.reason })
}
