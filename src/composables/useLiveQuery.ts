import { liveQuery, type Subscription } from 'dexie'
import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'

export interface UseLiveQueryOptions {
  /** Called when the query fails; the last good value stays shown. */
  onError?: (error: unknown) => void
  /**
   * A reactive source the query depends on (e.g. the work order id of the screen): when it
   * changes, the query restarts and the value goes back to `initial` until the new result arrives.
   */
  key?: () => unknown
}

/**
 * A Dexie live query (https://dexie.org/docs/liveQuery()) as a Vue ref: it re-runs whenever the
 * tables it read change, in this tab or another, and unsubscribes when the calling scope (store or
 * component) is disposed.
 * @param initial shown until the first result arrives
 */
export function useLiveQuery<T>(query: () => T | Promise<T>, initial: T, options: UseLiveQueryOptions = {}): Readonly<Ref<T>> {
  const { onError = (error: unknown) => console.error('live query failed', error), key = () => null } = options
  const value = shallowRef<T>(initial)
  let subscription: Subscription | null = null

  watch(
    key,
    () => {
      subscription?.unsubscribe()
      value.value = initial
      subscription = liveQuery(query).subscribe({
        next: (result) => {
          value.value = result
        },
        error: onError,
      })
    },
    { immediate: true },
  )
  onScopeDispose(() => subscription?.unsubscribe())
  return value
}
