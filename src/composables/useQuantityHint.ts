import { computed, type ComputedRef, type Ref } from 'vue'
import { i18n } from '../i18n'
import { padValue } from './numeric-entry'

/**
 * Why a quantity dialog (produce, consume, scrap) cannot be sent yet, for the line beside its grey
 * button, or null when it can: first the quantity on the pad, then the lot / serial of a tracked product.
 */
export function useQuantityHint(entry: Readonly<Ref<string>>, lot: Readonly<Ref<string>>, needsLot: Readonly<Ref<boolean>>): ComputedRef<string | null> {
  const { t } = i18n.global
  return computed(() => {
    if (padValue(entry.value) === null) return t('submitHint.quantity')
    return needsLot.value && lot.value.trim() === '' ? t('submitHint.lot') : null
  })
}
