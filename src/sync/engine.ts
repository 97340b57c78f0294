import { ApiError, NetworkError, TimeoutError, UnexpectedResponseError } from '../api/errors'
import type { SyncBlocker } from '../domain/sync-status'
import type { ClockReading } from '../domain/clock'
import { backoffDelay, POLL_INTERVAL_MS } from './backoff'
import { saveClockReadings } from './clock'
import { clientFor, readSyncState, updateSyncState, type SyncContext } from './context'
import { PullError, PushError, toError } from './errors'
import { createReplayLock, type LockManagerLike, type LockRun } from './lock'
import type { InstructionFileCache } from '../db/instruction-files'
import { prefetchInstructionFiles } from './instruction-files'
import { pullReferenceData, pullWorkOrders, type PullOutcome, type Yielder } from './pull'
import { addOutcome, pushOutbox, type PushOutcome } from './push'
import { carryOutDecisions } from './decisions'
import { attachTriggers, type TriggerSources } from './triggers'

/**
 * The replay loop of one tab:
 *
 *   trigger (start, online, visible, timer, "Sync now", recorded, background sync)
 *      │
 *      ▼
 *   [take the replay lock] ── busy (another tab replays) ──▶ poll later
 *      │
 *      ▼
 *   push outbox ─▶ carry out office decisions (and push them) ─▶ pull reference data ─▶ pull work orders ─▶ synced: poll later
 *      │ failure                                                (backoff while events say retry)
 *      ▼
 *   offline since the first failure; retry after a jittered backoff
 *   (401/426: blocked, wait for a person: re-pair or update)
 *
 * Triggers during a cycle run one more cycle right after it, never two at once.
 */

/** The result of one sync cycle. */
export type CycleResult =
  | { kind: 'synced'; push: PushOutcome; pull: PullOutcome; referenceChanged: boolean; /** Office decisions carried out. */ decisions: number }
  | { kind: 'failed'; error: Error; retryInMs: number }
  | { kind: 'blocked'; by: SyncBlocker; error: Error | null }
  | { kind: 'busy' }

export interface SyncEngineOptions extends SyncContext {
  /** Web Locks; `null` forces the IndexedDB lease. Defaults to `navigator.locks`. */
  locks?: LockManagerLike | null
  /** Random source in [0, 1) for the backoff jitter. */
  random?: () => number
  /** Wait between cycles when all is well, in milliseconds. */
  pollIntervalMs?: number
  /** Where the `online`/visibility/service-worker triggers listen; none by default. */
  triggers?: TriggerSources
  /** Registers a Background Sync after a failed cycle with events waiting; a no-op by default. */
  backgroundSync?: () => Promise<boolean>
  /** Lets the UI breathe between chunks of a large pull. */
  yieldToUi?: Yielder
  /** Where work instruction files are kept for offline use, fetched after each sync; none by default. */
  instructionFiles?: InstructionFileCache
}

/** One tab's replayer. */
export interface SyncEngine {
  /** Listens to the triggers and runs a first cycle. */
  start(): void
  /** Stops the timer and the listeners; a cycle in flight finishes. */
  stop(): void
  /** Runs a cycle now (or right after the one in flight) and resolves with its result. */
  syncNow(): Promise<CycleResult>
  /** Fire-and-forget `syncNow`, for "an event was just recorded". Ignored while stopped. */
  kick(): void
  /** Runs `fn` under the replay lock (reconciliation settles events too). */
  withLock<T>(fn: () => Promise<T>): Promise<LockRun<T>>
  /** True while this tab runs a cycle. */
  readonly running: boolean
}

/** Builds the replayer of one tab over `db`. */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const {
    db,
    random = Math.random,
    pollIntervalMs = POLL_INTERVAL_MS,
    triggers = {},
    backgroundSync = () => Promise.resolve(false),
    yieldToUi,
  } = options
  const lock = createReplayLock({ db, locks: options.locks })
  let started = false
  let detach: (() => void) | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let inFlight: Promise<CycleResult> | null = null
  let again = false
  let failures = 0
  let retryStreak = 0

  async function cycle(): Promise<CycleResult> {
    const session = await db.session.get('session')
    if (!session) return { kind: 'blocked', by: 'not_paired', error: null }
    await updateSyncState(db, { replayingSince: Date.now() })
    const readings: ClockReading[] = []
    try {
      const client = await clientFor(options, (reading) => readings.push(reading))
      const push = await pushOutbox(db, client, session.limits)
      let decisions: number
      try {
        decisions = await carryOutDecisions(db, client)
      } catch (e) {
        throw new PullError(toError(e))
      }
      // The office's resolutions go out in this same pass, in the dead events' places.
      if (decisions > 0) addOutcome(push, await pushOutbox(db, client, session.limits))
      let referenceChanged: boolean
      let pull: PullOutcome
      try {
        referenceChanged = await pullReferenceData(db, client)
        pull = await pullWorkOrders(db, client, yieldToUi)
      } catch (e) {
        throw new PullError(toError(e))
      }
      await updateSyncState(db, { lastSyncAt: Date.now(), offlineSince: null, blockedBy: null, lastError: null, replayingSince: null })
      failures = 0
      if (options.instructionFiles) {
        // Files are fetched after the sync is recorded: a full disk or a lost connection here leaves the
        // sync successful, and the next cycle fetches what is still missing.
        await prefetchInstructionFiles(db, client, options.instructionFiles).catch(() => undefined)
      }
      return { kind: 'synced', push, pull, referenceChanged, decisions }
    } catch (e) {
      return failed(toError(e))
    } finally {
      // Error answers time the clock as well as successes do.
      await saveClockReadings(db, readings)
    }
  }

  async function failed(error: Error): Promise<CycleResult> {
    const cause = error instanceof PushError || error instanceof PullError ? toError(error.cause) : error
    const blocker = blockerOf(cause)
    if (blocker) {
      await updateSyncState(db, { blockedBy: blocker, lastError: error.message, replayingSince: null })
      return { kind: 'blocked', by: blocker, error }
    }
    failures++
    const state = await readSyncState(db)
    const unreachable = isUnreachable(cause)
    await updateSyncState(db, {
      offlineSince: unreachable ? (state.offlineSince ?? Date.now()) : state.offlineSince,
      lastError: error.message,
      replayingSince: null,
    })
    const retryAfter = cause instanceof ApiError ? cause.retryAfterMs : null
    return { kind: 'failed', error, retryInMs: backoffDelay(failures, random, retryAfter) }
  }

  function schedule(result: CycleResult): void {
    if (!started) return
    if (timer) clearTimeout(timer)
    timer = null
    let delay: number | null
    switch (result.kind) {
      case 'synced':
        retryStreak = result.push.retry > 0 ? retryStreak + 1 : 0
        delay = retryStreak > 0 ? backoffDelay(retryStreak, random) : pollIntervalMs
        break
      case 'failed':
        delay = result.retryInMs
        // A hint to the browser only; the timer retries whatever it answers.
        void backgroundSync().catch(() => false)
        break
      case 'busy':
        delay = pollIntervalMs
        break
      case 'blocked':
        delay = null
        break
      default:
        throw new Error(`Unhandled cycle result ${JSON.stringify(result)}`)
    }
    if (delay !== null) timer = setTimeout(() => void syncNow(), delay)
  }

  async function runUntilQuiet(): Promise<CycleResult> {
    let result: CycleResult
    do {
      again = false
      const run = await lock.run(cycle)
      result = run.ran ? run.value : { kind: 'busy' }
    } while (again)
    return result
  }

  function syncNow(): Promise<CycleResult> {
    if (inFlight) {
      again = true
      return inFlight
    }
    if (timer) clearTimeout(timer)
    timer = null
    const run = runUntilQuiet()
      // Only a broken database gets here (every request failure is a result): back off like any failure.
      .catch((e: unknown): CycleResult => ({ kind: 'failed', error: toError(e), retryInMs: backoffDelay(++failures, random) }))
      .then((result) => {
      inFlight = null
      // A trigger that arrived after the loop's last check still gets its cycle.
      if (again) return syncNow()
      schedule(result)
      return result
    })
    inFlight = run
    return run
  }

  return {
    start() {
      if (started) return
      started = true
      detach = attachTriggers(() => void syncNow(), triggers)
      void syncNow()
    },
    stop() {
      started = false
      detach?.()
      detach = null
      if (timer) clearTimeout(timer)
      timer = null
    },
    syncNow,
    kick() {
      if (started) void syncNow()
    },
    withLock: (fn) => lock.run(fn),
    get running() {
      return inFlight !== null
    },
  }
}

/** Failures no retry can fix: the token is dead or this app version is refused. */
function blockerOf(e: Error): SyncBlocker | null {
  if (!(e instanceof ApiError)) return null
  if (e.code === 'token_revoked') return 'token_revoked'
  if (e.status === 401) return 'token_invalid'
  if (e.status === 426) return 'client_too_old'
  return null
}

/** Failures that mean "the server cannot be reached right now": they start the offline clock. */
function isUnreachable(e: Error): boolean {
  return (
    e instanceof NetworkError ||
    e instanceof TimeoutError ||
    e instanceof UnexpectedResponseError ||
    (e instanceof ApiError && e.status >= 500)
  )
}
