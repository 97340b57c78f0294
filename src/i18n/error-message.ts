/**
 * One sentence for the operator for anything an action can throw: refusals by the domain rules
 * (translated by their stable code), pairing failures, camera and scan errors, else the error's
 * own message (every error class in this app says how to fix it).
 */
import { ApiError, isTransportFailure } from '../api/errors'
import { ActionRefusedError } from '../domain/refusals'
import { i18n } from './index'

/** Translate a thrown value for the screen. `extra` fills placeholders the thrower cannot know (e.g. the unit). */
export function errorMessage(e: unknown, extra: Record<string, string | number> = {}): string {
  const { t, te, n } = i18n.global
  if (e instanceof ActionRefusedError) {
    const key = `refusal.${e.reason}`
    // A refusal's numbers are quantities (the allowed maximum): written as quantities are.
    const params = Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, typeof v === 'number' ? n(v, 'qty') : v]))
    return te(key) ? t(key, { ...params, ...extra }) : e.message
  }
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e
  if (cause instanceof ApiError && cause.code === 'pairing_code_invalid') return t('pair.codeRefused')
  if (isTransportFailure(cause)) return t('pair.unreachable')
  return e instanceof Error ? e.message : t('app.unexpected', { message: String(e) })
}
