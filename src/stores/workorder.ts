import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useLiveQuery } from '../composables/useLiveQuery'
import type { EventPayloads, Hold, Operator, WorkOrder } from '../domain/contract'
import type { RecordAction } from '../domain/actions'
import { finishOffer, finishPayload, type FinishOffer } from '../domain/finish'
import { isOnHold } from '../domain/queue'
import { ActionRefusedError } from '../domain/refusals'
import type { DeadLetterRow, OutboxRow } from '../db'
import { queries } from '../db'
import { i18n } from '../i18n'
import * as sync from '../sync'
import { errorMessage } from '../i18n/error-message'
import { measureText } from '../i18n/quantity-text'
import type { NoticeText } from './feedback'
import { useFeedbackStore } from './feedback'
import { useQueueStore } from './queue'
import { useSessionStore } from './session'

/**
 * The work order screen: one work order as recorded on this device, and every action on it.
 * Each action is recorded through the sync module (durable before it is confirmed), then
 * confirmed on screen, with an undo where the contract has an opposite event.
 */
export const useWorkOrderStore = defineStore('workorder', () => {
  const feedback = useFeedbackStore()
  const queue = useQueueStore()
  const session = useSessionStore()
  const { t } = i18n.global

  /** The work order on screen. */
  const workOrderId = ref<number | null>(null)
  /** It as recorded on this device (pending actions applied); undefined while loading or unknown. */
  const workOrder = useLiveQuery(
    () => (workOrderId.value === null ? undefined : queries.workOrderById(workOrderId.value)),
    undefined as WorkOrder | undefined,
    { key: () => workOrderId.value },
  )
  /** Its events the server refused, until a supervisor resolves them. */
  const deadLetters = useLiveQuery(
    () => (workOrderId.value === null ? [] : queries.deadLettersFor(workOrderId.value)),
    [] as DeadLetterRow[],
    { key: () => workOrderId.value },
  )
  /** Its events waiting behind a failed one: recorded, not applied, shown as waiting. */
  const heldEvents = useLiveQuery(
    () => (workOrderId.value === null ? [] : queries.heldEventsFor(workOrderId.value)),
    [] as OutboxRow[],
    { key: () => workOrderId.value },
  )
  /** True while an action is being recorded: buttons wait, so a double tap never records twice. */
  const busy = ref(false)

  const workCenter = computed(() => (workOrder.value === undefined ? undefined : queue.workCenterOf(workOrder.value)))
  const lineDown = computed(() => workCenter.value?.open_downtime != null)
  const onHold = computed(() => workOrder.value !== undefined && isOnHold(workOrder.value))
  const isClosed = computed(() => workOrder.value?.state === 'done' || workOrder.value?.state === 'cancel')
  /** Holds are released by a supervisor's badge and PIN (the gate), whoever is signed in. */
  const canRelease = computed(() => session.pairing !== undefined)
  /**
   * Whether this screen offers "Close production": the terminal may close orders, the order is open, and no
   * later operation of it is still open on this device (the server checks the rest).
   */
  const canCloseProduction = computed(() => {
    const w = workOrder.value
    if (w === undefined || session.settings?.allow_production_close !== true) return false
    if (w.production.state === 'done' || w.production.state === 'cancel' || w.state === 'cancel') return false
    return !queue.workOrders.some((other) => other.production.id === w.production.id && other.sequence > w.sequence)
  })

  /** Whether this hold may be released from here: a hold recorded here has no server id (negative) until it syncs. */
  function canReleaseHold(hold: Hold): boolean {
    return canRelease.value && hold.id > 0
  }

  /** Show a work order. */
  function open(id: number): void {
    workOrderId.value = id
  }

  async function run(action: RecordAction, success: NoticeText, undo?: () => Promise<void>, authorizedBy?: number): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    const uom = workOrder.value?.product.uom ?? ''
    try {
      await sync.record(action, authorizedBy)
      feedback.notify('success', success, undo === undefined ? {} : { undo })
      return true
    } catch (e) {
      feedback.notify('error', () => errorMessage(e, { uom }))
      return false
    } finally {
      busy.value = false
    }
  }

  function act<T extends keyof EventPayloads>(type: T, payload: EventPayloads[T]): RecordAction {
    if (workOrderId.value === null) throw new Error('no work order is open: call open(id) first')
    return { type, workorderId: workOrderId.value, payload } as RecordAction
  }

  /** Start (or resume) the timer; undo pauses it. */
  function start(): Promise<boolean> {
    return run(act('workorder.start', {}), () => t('wo.started'), async () => {
      await pause()
    })
  }

  /** Pause the timer, optionally with a loss reason; undo starts it again. */
  function pause(lossReasonId?: number): Promise<boolean> {
    const payload = lossReasonId === undefined ? {} : { loss_reason_id: lossReasonId }
    return run(act('workorder.pause', payload), () => t('wo.paused'), async () => {
      await start()
    })
  }

  /** Report `qty` more units done (with the lot or serial produced, for tracked products). */
  function produce(qty: number, lotName?: string): Promise<boolean> {
    const payload = lotName ? { qty, lot_name: lotName } : { qty }
    const uom = workOrder.value?.product.uom ?? ''
    return run(act('workorder.produce', payload), () => t('wo.producedQty', { amount: measureText(qty, uom) }))
  }

  /** What Finish offers on this work order now (refused, the reported quantity, or the planned one as a choice). */
  const finishChoice = computed<FinishOffer | undefined>(() => (workOrder.value === undefined ? undefined : finishOffer(workOrder.value)))

  /**
   * Whether the finish confirmation may open: a refusal the tablet can foresee (a held or closed work order)
   * is told at once instead, before the operator confirms anything.
   */
  function askFinish(): boolean {
    const offer = finishChoice.value
    if (offer === undefined) return false
    if (offer.kind !== 'refused') return true
    const refusal = new ActionRefusedError(offer.reason)
    feedback.notify('error', () => errorMessage(refusal))
    return false
  }

  /** Close the work order with the quantity the operator confirmed on screen (the offer shown). */
  function finish(lotName?: string): Promise<boolean> {
    const offer = finishChoice.value
    if (offer === undefined || offer.kind === 'refused') return Promise.resolve(askFinish())
    return run(act('workorder.finish', finishPayload(offer, lotName)), () => t('wo.finished'))
  }

  /** Record scrap of a product of this work order. */
  function scrap(payload: EventPayloads['scrap.record']): Promise<boolean> {
    const product = [workOrder.value?.product, ...(workOrder.value?.components ?? []).map((c) => c.product)].find((p) => p?.id === payload.product_id)
    const uom = product?.uom ?? ''
    return run(act('scrap.record', payload), () => t('scrap.done', { amount: measureText(payload.qty, uom) }))
  }

  /** Put a lot (or, without lot, this work order) on quality hold. */
  function hold(payload: EventPayloads['quality.hold']): Promise<boolean> {
    return run(act('quality.hold', payload), () => t('hold.done'))
  }

  /**
   * Release a hold, authorized by the supervisor `releaser` (checked by badge and PIN in the gate): the
   * event names them, and the rules and the server check their right.
   */
  function release(holdId: number, releaser: Operator, note?: string): Promise<boolean> {
    return run(act('quality.release', note ? { hold_id: holdId, note } : { hold_id: holdId }), () => t('hold.released'), undefined, releaser.id)
  }

  /** Stop the line of this work order's work center with a loss reason; undo restarts it. */
  function stopLine(lossReasonId: number, note?: string): Promise<boolean> {
    const payload = note ? { loss_reason_id: lossReasonId, note } : { loss_reason_id: lossReasonId }
    return run(act('downtime.start', payload), () => t('downtime.stopped'), async () => {
      await resumeLine()
    })
  }

  /** Restart the line. */
  function resumeLine(): Promise<boolean> {
    return run(act('downtime.end', {}), () => t('downtime.resumed'))
  }

  /** Record `qty` of a component consumed (negative: given back), from `lotName` for tracked ones. */
  function consume(moveId: number, qty: number, lotName?: string): Promise<boolean> {
    const line = workOrder.value?.components.find((c) => c.move_id === moveId)
    const payload = lotName ? { move_id: moveId, qty, lot_name: lotName } : { move_id: moveId, qty }
    const uom = line?.product.uom ?? ''
    const product = line?.product.display_name ?? ''
    return run(act('component.consume', payload), () => t('components.consumedToast', { amount: measureText(qty, uom), product }))
  }

  /** Close the manufacturing order ("Produce All"); `backorder` keeps the rest to make in a new order. */
  function closeProduction(backorder: boolean): Promise<boolean> {
    return run(act('production.close', { backorder }), () => t('components.closed'))
  }

  return {
    workOrderId,
    workOrder,
    deadLetters,
    heldEvents,
    busy,
    workCenter,
    lineDown,
    onHold,
    isClosed,
    canRelease,
    canCloseProduction,
    canReleaseHold,
    open,
    start,
    pause,
    produce,
    finishChoice,
    askFinish,
    finish,
    scrap,
    hold,
    release,
    stopLine,
    resumeLine,
    consume,
    closeProduction,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useWorkOrderStore, import.meta.hot))
