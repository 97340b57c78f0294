import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, onScopeDispose, ref } from 'vue'
import { useLiveQuery } from '../composables/useLiveQuery'
import { queries } from '../db'
import type { DeadLetterRow } from '../db'
import type { TerminalEvent, WorkOrder } from '../domain/contract'
import { clockReport } from '../domain/clock'
import { deriveSyncStatus, type SyncOverview } from '../domain/sync-status'
import * as sync from '../sync'
import type { CycleResult, ReconcileReport, StorageHealth, UnpairResult } from '../sync'

/** How often the "waiting for" ages refresh, in milliseconds. */
const CLOCK_TICK_MS = 10_000
/** How often quota and usage are checked (and old synced history pruned), in milliseconds. */
const STORAGE_CHECK_MS = 60 * 60_000

const EMPTY: SyncOverview = {
  waiting: 0,
  held: 0,
  deadLetters: 0,
  oldestWaitingAt: null,
  lastSyncAt: null,
  offlineSince: null,
  replayingSince: null,
  blockedBy: null,
  lastError: null,
  clock: null,
  lastClockJump: null,
}

/**
 * This device's sync health for the always-visible indicator and the supervisor screen, built on
 * live queries of the database (so every tab sees the replaying tab's progress), plus the sync
 * actions (sync now, resend or discard a dead letter, reconcile, storage check).
 */
export const useSyncStore = defineStore('sync', () => {
  /** Counts and times from the outbox and the sync state. */
  const overview = useLiveQuery(() => queries.syncOverview(), EMPTY)
  /** Unresolved dead letters, oldest first. */
  const deadLetters = useLiveQuery(() => queries.deadLetters(), [] as DeadLetterRow[])
  /** The latest resolved dead letters, newest first, with who resolved them (on the tablet or in Odoo). */
  const resolvedDeadLetters = useLiveQuery(() => queries.resolvedDeadLetters(), [] as DeadLetterRow[])
  /** The work orders those dead letters and the last clock jump name, by id, so screens name them by MO, operation and product. */
  const namedWorkOrders = useLiveQuery(() => queries.workOrdersNamedBySync(), new Map<number, WorkOrder>())
  /** Epoch ms, refreshed every CLOCK_TICK_MS so ages move on screen. */
  const now = ref(Date.now())
  const tick = setInterval(() => (now.value = Date.now()), CLOCK_TICK_MS)
  onScopeDispose(() => clearInterval(tick))

  /** `synced`, `waiting`, `offline` or `attention`. */
  const status = computed(() => deriveSyncStatus(overview.value))
  /** Events recorded here and not yet confirmed by the server. */
  const waiting = computed(() => overview.value.waiting)
  /** Dead letters waiting for a supervisor. */
  const deadLetterCount = computed(() => overview.value.deadLetters)
  /** Since when (epoch ms) the server has been unreachable, or null. */
  const offlineSince = computed(() => overview.value.offlineSince)
  /** Age of the oldest waiting event in ms, or null. */
  const oldestWaitingAgeMs = computed(() =>
    overview.value.oldestWaitingAt === null ? null : Math.max(0, now.value - overview.value.oldestWaitingAt),
  )
  /** When (epoch ms) a sync last completed, or null. */
  const lastSyncAt = computed(() => overview.value.lastSyncAt)
  /** True while a tab of this device replays. */
  const replaying = computed(() => overview.value.replayingSince !== null)
  /** Why replay stopped until a person acts (re-pair, update), or null. */
  const blockedBy = computed(() => overview.value.blockedBy)
  /** The last sync failure's message, or null. */
  const lastError = computed(() => overview.value.lastError)
  /** This tablet's clock against the server's, as the screens say it. */
  const clock = computed(() => clockReport(overview.value.clock))
  /** The last wall-clock jump seen between two events, or null. */
  const lastClockJump = computed(() => overview.value.lastClockJump)
  /** The last storage check, or null before the first. */
  const storage = ref<StorageHealth | null>(null)
  /** The last reconciliation report, or null before the first. */
  const lastReconcile = ref<ReconcileReport | null>(null)

  /** "Sync now": runs a cycle and resolves with its result. */
  function syncNow(): Promise<CycleResult> {
    return sync.syncNow()
  }

  /**
   * Resends a dead letter as a new event, optionally with an edited payload and a corrected time (epoch ms,
   * for a refusal about its time), authorized by the supervisor `supervisorId`.
   */
  async function resend(id: string, supervisorId: number, editedPayload?: TerminalEvent['payload'], occurredAtMs?: number): Promise<void> {
    await sync.resendDeadLetter(id, supervisorId, editedPayload, occurredAtMs)
  }

  /** Discards a dead letter with a reason (sent to the server, kept on the device), authorized by `supervisorId`. */
  async function discard(id: string, reason: string, supervisorId: number): Promise<void> {
    await sync.discardDeadLetter(id, reason, supervisorId)
  }

  /** Forgets the plant unless events wait for the server or a sync is running. */
  function unpair(): Promise<UnpairResult> {
    return sync.unpair()
  }

  /** The events waiting behind a dead letter: what discarding it releases. */
  function heldBehind(id: string): Promise<TerminalEvent[]> {
    return sync.heldBehindDeadLetter(id)
  }

  /** Compares the latest events with the server's ledger; null when another tab holds the replay. */
  async function reconcile(): Promise<ReconcileReport | null> {
    lastReconcile.value = await sync.reconcile()
    return lastReconcile.value
  }

  /** Checks quota and usage (and prunes old synced history). */
  async function checkStorage(): Promise<StorageHealth> {
    storage.value = await sync.storageHealth()
    return storage.value
  }

  const storageTimer = setInterval(() => void checkStorage().catch(reportStorageFailure), STORAGE_CHECK_MS)
  onScopeDispose(() => clearInterval(storageTimer))
  void checkStorage().catch(reportStorageFailure)

  return {
    overview,
    deadLetters,
    resolvedDeadLetters,
    namedWorkOrders,
    now,
    status,
    waiting,
    deadLetterCount,
    offlineSince,
    oldestWaitingAgeMs,
    lastSyncAt,
    replaying,
    blockedBy,
    lastError,
    clock,
    lastClockJump,
    storage,
    lastReconcile,
    syncNow,
    resend,
    discard,
    heldBehind,
    unpair,
    reconcile,
    checkStorage,
  }
})

function reportStorageFailure(error: unknown): void {
  console.error('storage check failed', error)
}

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSyncStore, import.meta.hot))
