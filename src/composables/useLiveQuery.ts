import { liveQuery, type Subscription } from 'dexie'
import { onScopeDispose, shallowRef, type Ref } from 'vue'

export interface UseLiveQueryOptions {
  /** Called when the query fails; the last good value stays shown. */
  onError?: (error: unknown) => void
}

/**
 * A Dexie live query as a Vue ref: it re-runs whenever the tables it read change, in this tab or
 * another, and unsubscribes when the calling scope (store or component) is disposed.
 * @param initial shown until the first result arrives
 */
export function useLiveQuery<T>(query: () => T | Promise<T>, initial: T, options: UseLiveQueryOptions = {}): Readonly<Ref<T>> {
  const { onError = (error: unknown) => console.error('live query failed', error) } = options
  const value = shallowRef<T>(initial)
  const subscription: Subscription = liveQuery(query).subscribe({
    next: (result) => {
      value.value = result
    },
    error: onError,
  })
  onScopeDispose(() => subscription.unsubscribe())
  return value
}
