import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ClockReport } from '../domain/clock'
import { eventTypeText } from '../i18n/event-texts'
import { workOrderText } from '../i18n/quantity-text'
import { useSyncStore } from '../stores/sync'

export interface UseClockTextReturn {
  /** "On time", "This tablet's clock is 10 min fast"... */
  text: ComputedRef<string>
  /** True when the clock is off by more than the warning threshold. */
  isOff: ComputedRef<boolean>
  /** The last clock jump seen between two events, in words, or null. */
  jumpText: ComputedRef<string | null>
}

/** The tablet's clock offset and its last jump, in the operator's language, for the sync and supervisor screens. */
export function useClockText(): UseClockTextReturn {
  const { t, d, n } = useI18n()
  const syncStore = useSyncStore()

  const amount = (hours: number, minutes: number) =>
    hours > 0 ? t('clock.hoursMinutes', { h: n(hours, 'count'), m: n(minutes, 'count') }) : t('clock.minutes', { m: n(minutes, 'count') })

  function describe(report: ClockReport): string {
    switch (report.kind) {
      case 'unknown':
        return t('clock.unknown')
      case 'onTime':
        return t('clock.onTime')
      case 'fast':
      case 'slow':
        return t(`clock.${report.kind}`, { amount: amount(report.hours, report.minutes) })
      default:
        throw new Error(`Unhandled clock report ${JSON.stringify(report)}`)
    }
  }

  const text = computed(() => describe(syncStore.clock))
  const isOff = computed(() => syncStore.clock.kind === 'fast' || syncStore.clock.kind === 'slow')
  const jumpText = computed(() => {
    const jump = syncStore.lastClockJump
    if (jump === null) return null
    const minutes = Math.round(Math.abs(jump.jumpMs) / 60_000)
    return t('clock.jumped', {
      direction: t(jump.jumpMs > 0 ? 'clock.forward' : 'clock.back'),
      amount: amount(Math.floor(minutes / 60), minutes % 60),
      type: eventTypeText(jump.type),
      wo: workOrderText(syncStore.namedWorkOrders.get(jump.workorderId)),
      time: d(jump.at, 'dateTime'),
    })
  })

  return { text, isOff, jumpText }
}
