/** Event types and the server's refusals in the operator's language, for the screens that list events. */
import type { EventType } from '../domain/contract'
import { i18n } from './index'

/** A refusal as the device stored it: the server's error code (or a local one), its message and details. */
export interface RefusalText {
  code: string
  message: string
  details?: Record<string, unknown>
}

/** The name of an event type in the operator's language (`quality.hold` → "Hold"). */
export function eventTypeText(type: EventType): string {
  // vue-i18n reads dots as a path, so the message keys use underscores.
  return i18n.global.t(`event.${type.replace('.', '_')}`)
}

/**
 * Why the server refused an event, in the operator's language, once: the server's own message only for
 * codes this app does not know. What the contract's details name (the field, the lot) fills the sentence.
 */
export function rejectionText(error: RefusalText): string {
  const { t, te } = i18n.global
  const key = `reject.${error.code}`
  if (!te(key)) return t('reject.other', { message: error.message })
  return t(key, { field: String(error.details?.field ?? ''), lot: String(error.details?.lot_name ?? ''), message: error.message })
}
