/**
 * One sentence for the operator for anything an action can throw: refusals by the domain rules
 * (translated by their stable code), pairing and sync failures, else the error's own message (every
 * error class in this app says how to fix it, in English: the last resort for what is not listed here).
 */
import { ApiError, isTransportFailure, UnexpectedResponseError } from '../api/errors'
import { ActionRefusedError } from '../domain/refusals'
import { NotPairedError, ProtocolError, PullError, PushError, UnsyncedEventsError } from '../sync/errors'
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
  if (e instanceof NotPairedError) return t('refusal.not_paired')
  if (e instanceof UnsyncedEventsError) return t('failure.unsynced', { n: n(e.pending, 'count') }, e.pending)
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e
  if (cause instanceof ApiError && cause.code === 'pairing_code_invalid') return t('pair.codeRefused')
  if (isTransportFailure(cause)) return t('pair.unreachable')
  if (cause instanceof ProtocolError) return t('failure.protocol')
  if (cause instanceof UnexpectedResponseError) return t('failure.notTerminal')
  // The server's code, not its English message: enough for whoever reads the ledger or the logs.
  const code = cause instanceof ApiError ? cause.code : cause instanceof Error ? cause.name : String(cause)
  if (e instanceof PushError) return t('failure.push', { code })
  if (e instanceof PullError) return t('failure.pull', { code })
  return e instanceof Error ? e.message : t('app.unexpected', { message: String(e) })
}
