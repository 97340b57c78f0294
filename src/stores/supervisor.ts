import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Hold, Operator, TerminalEvent, WorkOrder } from '../domain/contract'
import type { DeadLetterRow } from '../db'
import { isTimeRefusal, parseLocalInput, retimeProblem } from '../domain/retime'
import { i18n } from '../i18n'
import { errorMessage } from '../i18n/error-message'
import { useFeedbackStore } from './feedback'
import { useQueueStore } from './queue'
import { useSyncStore } from './sync'

/** A held hold with the work order it was found on. */
export interface HoldOnWorkOrder {
  hold: Hold
  workOrder: WorkOrder
}

/** Active holds across the queue, each once (a lot hold shows on every work order of that lot). */
export function activeHolds(workOrders: readonly WorkOrder[]): HoldOnWorkOrder[] {
  const seen = new Set<number>()
  const out: HoldOnWorkOrder[] = []
  for (const wo of workOrders) {
    for (const hold of wo.holds) {
      if (hold.state !== 'held' || seen.has(hold.id)) continue
      seen.add(hold.id)
      out.push({ hold, workOrder: wo })
    }
  }
  return out
}

/**
 * Read a supervisor's edit of a dead letter's payload.
 * @throws SyntaxError when the text is not a JSON object
 */
export function parseEditedPayload(text: string): TerminalEvent['payload'] {
  const value: unknown = JSON.parse(text)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SyntaxError('the payload must be a JSON object')
  return value as TerminalEvent['payload']
}

/** The supervisor actions a badge and PIN must authorize. */
export type GatedAction = 'discard' | 'resend' | 'settings' | 'unpair'

/** An action waiting for a supervisor's badge and PIN. */
export interface PendingGate {
  action: GatedAction
  run: (supervisor: Operator) => Promise<void>
}

/**
 * The supervisor screen's actions, on top of the sync store (which holds the dead letters and
 * storage health): confirmations and errors on screen, the edited payload checked before a resend,
 * and the active holds of the queue.
 */
export const useSupervisorStore = defineStore('supervisor', () => {
  const feedback = useFeedbackStore()
  const queue = useQueueStore()
  const syncStore = useSyncStore()
  const { t } = i18n.global

  /** Active holds on the queue's work orders. */
  const holds = computed(() => activeHolds(queue.workOrders))
  /** True while an action runs. */
  const busy = ref(false)
  /** The dead letter about to be discarded, what waits behind it (shown before it is released) and their unit. */
  const discarding = ref<{ dead: DeadLetterRow; held: TerminalEvent[]; uom: string } | null>(null)
  /** The action waiting for a supervisor's badge and PIN (the gate dialog is open), or null. */
  const gate = ref<PendingGate | null>(null)
  /** The scanner settings may be changed: a supervisor unlocked them on this visit of the screen. */
  const settingsUnlocked = ref(false)
  /** Why the corrected time of a dead letter's resend cannot be sent (shown next to its field), or null. */
  const retimeError = ref<{ id: string; message: string } | null>(null)

  /** Ask for a supervisor's badge and PIN; `run` gets the supervisor once the gate let them through. */
  function requireSupervisor(action: GatedAction, run: (supervisor: Operator) => Promise<void>): void {
    gate.value = { action, run }
  }

  /** The gate let `supervisor` through: run what waited for them. */
  function authorized(supervisor: Operator): Promise<boolean> {
    const pending = gate.value
    gate.value = null
    if (pending === null) return Promise.resolve(false)
    return guarded(() => pending.run(supervisor))
  }

  /** Close the gate without doing what waited behind it. */
  function cancelGate(): void {
    gate.value = null
  }

  async function guarded(task: () => Promise<void>): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    try {
      await task()
      return true
    } catch (e) {
      feedback.notify('error', () => errorMessage(e))
      return false
    } finally {
      busy.value = false
    }
  }

  /** Check quota and persistence (and prune old synced history). */
  function checkStorage(): Promise<boolean> {
    return guarded(async () => {
      await syncStore.checkStorage()
    })
  }

  /**
   * The corrected time of a dead letter refused for its time (`datetime-local` text), checked as the
   * servers will judge it; undefined when there is none to send, null (and `retimeError` set) when it is wrong.
   */
  function correctedTime(id: string, text: string | undefined): number | undefined | null {
    const dead = syncStore.deadLetters.find((d) => d.id === id)
    if (text === undefined || dead === undefined || !isTimeRefusal(dead.error)) return undefined
    const ms = parseLocalInput(text)
    const problem = ms === null ? null : retimeProblem(ms, Date.now(), dead.error)
    if (ms !== null && problem === null) return ms
    const message = problem === null ? t('supervisor.timeInvalid') : problem.code === 'occurred_in_future' ? t('refusal.occurred_in_future') : t('refusal.occurred_too_old', { days: problem.maxAgeDays })
    retimeError.value = { id, message }
    return null
  }

  /**
   * Send a dead letter again as a new event, optionally with an edited payload (JSON text) and, when the
   * server refused it for its time, a corrected time (`datetime-local` text), once a supervisor authorized
   * it; the resent event names them (`resolved_by`).
   */
  function resend(id: string, editedPayload?: string, occurredAt?: string): void {
    retimeError.value = null
    let payload: TerminalEvent['payload'] | undefined
    try {
      payload = editedPayload === undefined ? undefined : parseEditedPayload(editedPayload)
    } catch {
      feedback.notify('error', () => t('supervisor.payloadInvalid'))
      return
    }
    const occurredAtMs = correctedTime(id, occurredAt)
    if (occurredAtMs === null) return
    requireSupervisor('resend', async (supervisor) => {
      await syncStore.resend(id, supervisor.id, payload, occurredAtMs)
      feedback.notify('success', () => t('supervisor.resent'))
    })
  }

  /** Open the discard confirmation of a dead letter, listing the events its discard will release. */
  function askDiscard(dead: DeadLetterRow): Promise<boolean> {
    return guarded(async () => {
      const uom = queue.workOrders.find((wo) => wo.id === dead.workorderId)?.product.uom ?? ''
      discarding.value = { dead, held: await syncStore.heldBehind(dead.id), uom }
    })
  }

  /** Close the discard confirmation without discarding. */
  function cancelDiscard(): void {
    discarding.value = null
  }

  /**
   * Give up on the dead letter being discarded, with a reason sent to the server (its ledger row shows
   * it), once a supervisor authorized it; the discard names them (`employee_id`).
   */
  function discard(reason: string): void {
    const target = discarding.value
    if (target === null) return
    requireSupervisor('discard', async (supervisor) => {
      await syncStore.discard(target.dead.id, reason, supervisor.id)
      discarding.value = null
      feedback.notify('success', () => t('supervisor.discarded'))
    })
  }

  /** Let the scanner settings be changed, once a supervisor authorized it. */
  function unlockSettings(): void {
    requireSupervisor('settings', async () => {
      settingsUnlocked.value = true
    })
  }

  /** Lock the settings again (leaving the screen). */
  function lockSettings(): void {
    settingsUnlocked.value = false
  }

  /**
   * Once a supervisor authorized it, forget the plant (pairing, data, instruction files) and open
   * pairing (`openPairing`, the screen's navigation). While events wait for the server nothing is
   * forgotten: the supervisor is told, and pairing again with the same server sends them. While a
   * sync runs nothing happens but a notice to try again.
   */
  function unpair(openPairing: () => Promise<unknown>): void {
    requireSupervisor('unpair', async () => {
      const result = await syncStore.unpair()
      switch (result.kind) {
        case 'busy':
          feedback.notify('info', () => t('supervisor.unpairBusy'))
          return
        case 'kept':
          feedback.notify('info', () => t('supervisor.unpairKept', { n: result.waiting }, result.waiting))
          break
        case 'cleared':
          queue.workCenterId = null
          break
        default:
          throw new Error(`Unhandled unpair result ${JSON.stringify(result)}`)
      }
      await openPairing()
    })
  }

  /** Compare this device's latest events with the server's ledger. */
  function reconcile(): Promise<boolean> {
    return guarded(async () => {
      await syncStore.reconcile()
      feedback.notify('info', () => t('supervisor.reconciled'))
    })
  }

  return {
    holds,
    busy,
    discarding,
    gate,
    settingsUnlocked,
    retimeError,
    checkStorage,
    resend,
    askDiscard,
    cancelDiscard,
    discard,
    authorized,
    cancelGate,
    unlockSettings,
    lockSettings,
    unpair,
    reconcile,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSupervisorStore, import.meta.hot))
