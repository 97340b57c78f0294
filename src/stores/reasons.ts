import { acceptHMRUpdate, defineStore } from 'pinia'
import { useLiveQuery } from '../composables/useLiveQuery'
import type { ReasonRow } from '../db'
import { queries } from '../db'

/** The plant's scrap, loss and hold reasons (from the bootstrap), by name. */
export const useReasonsStore = defineStore('reasons', () => {
  /** Why parts are scrapped. */
  const scrap = useLiveQuery(() => queries.reasons('scrap'), [] as ReasonRow[])
  /** Why a line stops or a timer pauses. */
  const loss = useLiveQuery(() => queries.reasons('loss'), [] as ReasonRow[])
  /** Why a lot or work order goes on quality hold. */
  const hold = useLiveQuery(() => queries.reasons('hold'), [] as ReasonRow[])
  return { scrap, loss, hold }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReasonsStore, import.meta.hot))
