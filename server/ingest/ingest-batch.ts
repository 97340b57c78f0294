import type { Database } from 'better-sqlite3'
import type { ErrorInfo, EventResult, RejectionCode, RetryCode } from '../../src/domain/contract.ts'
import type { ChangeTracker } from '../db/changes.ts'
import type { createHoldReader } from '../db/holds.ts'
import type { Ledger, LedgerRecord, LedgerStatus } from '../db/ledger.ts'
import type { ComponentWriter } from '../db/components.ts'
import type { LotRepository } from '../db/lots.ts'
import type { PlantWriter } from '../db/plant.ts'
import type { ReferenceReader } from '../db/reference.ts'
import type { Terminal } from '../db/terminals.ts'
import type { WorkOrderSerializer } from '../db/workorder-json.ts'
import type { ApplyContext } from './apply-context.ts'
import { applyEvent } from './appliers/index.ts'
import { eventContentHash } from './content-hash.ts'
import { deviceNow, timedEvent, type BatchClock, type TimedEvent } from './event-time.ts'
import { checkEventTime } from './time-bounds.ts'
import { EventRejected } from './rejection.ts'
import { assertSupervisorAction } from './supervisor-check.ts'
import { CORRELATION_ID, isProblem, isUuid, validateEvent, type ValidEvent } from './validate-event.ts'

/** What the ingest reads and writes. */
export interface IngestDeps {
  db: Database
  ledger: Ledger
  plant: PlantWriter
  lots: LotRepository
  components: ComponentWriter
  holds: ReturnType<typeof createHoldReader>
  changes: ChangeTracker
  references: ReferenceReader
  workOrders: WorkOrderSerializer
  /** Epoch ms. */
  now(): number
  /** Told about failures that are not the event's fault (answered `retry`). */
  onUnexpected(error: unknown, eventId: string): void
}

/** A result before its work order is serialized (`workorderId` null when the event names none). */
type Decision =
  | Extract<EventResult, { status: 'conflict' | 'retry' }>
  | { id: string; status: 'applied' | 'duplicate'; workorderId: number | null }
  | { id: string; status: 'rejected'; error: ErrorInfo; workorderId: number | null }

/** One event of a batch whose `id` is known to be a UUID. */
export type BatchEvent = Record<string, unknown> & { id: string }

const positiveInt = (v: unknown): number | null => (Number.isSafeInteger(v) && (v as number) > 0 ? (v as number) : null)
const countOrNull = (v: unknown): number | null => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : null)

/** SQLite's "database is locked": another writer held the lock longer than busy_timeout. */
function isLockTimeout(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED')
}

/**
 * The event ingest: decides per event whether it is new, a duplicate or a conflict, applies new ones each in
 * its own savepoint, records every decision in the ledger, and keeps per-work-order order within a batch.
 */
export function createIngest(deps: IngestDeps) {
  const { db, ledger } = deps

  /**
   * Fills in the work orders of applied, duplicate and rejected results, each as it is after the whole batch
   * (as the Odoo addon does): the terminal gets the latest state (for a refusal, the hold behind it), and each
   * work order is serialized once. A work order that does not exist or is not on the terminal's work centers
   * is null: the terminal learns nothing of other work centers.
   */
  function withWorkOrders(terminal: Terminal, decisions: readonly Decision[]): EventResult[] {
    const ids = [...new Set(decisions.flatMap((d) => ('workorderId' in d && d.workorderId !== null ? [d.workorderId] : [])))]
    const byId = new Map(
      deps.workOrders
        .load(ids)
        .filter((wo) => terminal.workCenterIds.includes(wo.work_center.id))
        .map((wo) => [wo.id, wo]),
    )
    return decisions.map((decision) => {
      if (!('workorderId' in decision)) return decision
      const { workorderId, ...result } = decision
      return { ...result, workorder: workorderId === null ? null : (byId.get(workorderId) ?? null) }
    })
  }

  /** Finds the event's work order and operator, checks the terminal may act on them and the time is possible. */
  function contextFor(terminal: Terminal, event: ValidEvent): ApplyContext {
    const workOrder = deps.plant.workOrder(event.workorder_id)
    if (!workOrder) {
      throw new EventRejected('workorder_not_found', `Work order ${event.workorder_id} does not exist.`, {
        workorder_id: event.workorder_id,
      })
    }
    if (!terminal.workCenterIds.includes(workOrder.work_center_id)) {
      throw new EventRejected('workorder_forbidden', `Work order ${workOrder.id} is not on a work center of this terminal.`, {
        workorder_id: workOrder.id,
      })
    }
    checkEventTime(event.occurredAtMs, deps.now())
    let operator: ApplyContext['operator']
    if (event.employee_id !== null) {
      operator = deps.references.operatorOn(event.employee_id, terminal.workCenterIds)
      if (!operator) {
        throw new EventRejected('employee_unknown', `Operator ${event.employee_id} is not allowed on this terminal's work centers.`, {
          employee_id: event.employee_id,
        })
      }
    } else if (terminal.settings.require_operator) {
      throw new EventRejected('invalid_event', 'This terminal requires a signed-in operator: sign in and send it again.', {
        field: 'employee_id',
        reason: 'required: this terminal requires operator sign-in',
      })
    }
    return { ...deps, terminal, workOrder, operator }
  }

  /**
   * A supervisor's discard touches only the terminal's own ledger, so it needs no rights on the work order
   * and never dead-letters: an event that is unknown, another terminal's, not rejected or already resolved
   * stays as it is.
   */
  function applyDiscard(terminal: Terminal, event: Extract<ValidEvent, { type: 'event.discard' }>): void {
    const { event_id: eventId, reason } = event.payload
    ledger.resolve(eventId, terminal.id, { resolution: 'discarded', reason, resolvedBy: event.employee_id, at: deps.now() })
  }

  /**
   * Ingests a batch; returns one result per event, in order. `clock` (from the batch's `sent_at`)
   * corrects every event's time; without it the batch is received now and not corrected.
   */
  function ingest(
    terminal: Terminal,
    events: readonly BatchEvent[],
    requestCorrelationId: string,
    clock: BatchClock = { receivedAt: deps.now(), skewMs: 0 },
  ): EventResult[] {
    const { receivedAt } = clock
    const waiting = new Set<number>()

    function processOne(raw: BatchEvent): Decision {
      const id = raw.id.toLowerCase()
      const hash = eventContentHash(raw)
      const workOrderId = positiveInt(raw.workorder_id)
      const resendOf = isUuid(raw.resend_of) ? raw.resend_of.toLowerCase() : null
      const earlier = ledger.get(id)

      const record = (status: LedgerStatus, error: ErrorInfo | null, appliedAt: number | null, timed: TimedEvent | null) => {
        const correlation = typeof raw.correlation_id === 'string' ? raw.correlation_id : null
        const entry: LedgerRecord = {
          id,
          terminal_id: terminal.id,
          type: typeof raw.type === 'string' ? raw.type : null,
          workorder_id: workOrderId,
          device_seq: countOrNull(raw.device_seq),
          employee_id: positiveInt(raw.employee_id),
          occurred_at: timed?.deviceOccurredAtMs ?? null,
          occurred_at_server: timed?.occurredAtMs ?? null,
          clock_jump_ms: timed?.clockJumpMs ?? null,
          content_hash: hash,
          content: JSON.stringify(raw),
          status,
          error,
          correlation_id: correlation && CORRELATION_ID.test(correlation) ? correlation : requestCorrelationId,
          received_at: receivedAt,
          applied_at: appliedAt,
          resend_of: resendOf,
        }
        if (earlier) ledger.redecide(entry)
        else ledger.insert(entry)
        // A resend resolves the rejected event it replaces once it is decided, whichever way.
        // (Unless no supervisor stood behind it: then the original waits for one.)
        if (resendOf !== null && status !== 'retry' && error?.code !== 'supervisor_required') {
          ledger.resolve(resendOf, terminal.id, { resolution: 'resent', resentAs: id, resolvedBy: positiveInt(raw.resolved_by), at: deps.now() })
        }
      }
      const notApplied = (status: 'rejected' | 'retry', error: ErrorInfo, timed: TimedEvent | null): Decision => {
        record(status, error, null, timed)
        if (workOrderId !== null) waiting.add(workOrderId)
        return status === 'rejected' ? { id, status, error, workorderId: workOrderId } : { id, status, error }
      }
      const rejected = (code: RejectionCode, message: string, details: Record<string, unknown> | undefined, timed: TimedEvent | null) =>
        notApplied('rejected', details ? { code, message, details } : { code, message }, timed)
      const retry = (code: RetryCode, message: string, timed: TimedEvent | null) => notApplied('retry', { code, message }, timed)

      if (earlier) {
        if (earlier.terminal_id !== terminal.id || earlier.content_hash !== hash) {
          if (workOrderId !== null) waiting.add(workOrderId)
          const details = earlier.terminal_id === terminal.id ? { original_status: earlier.status } : {}
          return {
            id,
            status: 'conflict',
            error: {
              code: 'idempotency_key_reused',
              message: 'This event id was already used for different content: record the action again as a new event.',
              details,
            },
          }
        }
        if (earlier.status === 'applied') {
          return { id, status: 'duplicate', workorderId: earlier.workorder_id as number }
        }
        if (earlier.status === 'rejected' && earlier.error) {
          if (workOrderId !== null) waiting.add(workOrderId)
          return { id, status: 'rejected', error: earlier.error, workorderId: workOrderId }
        }
      }
      if (workOrderId !== null && waiting.has(workOrderId)) {
        return retry(
          'waiting_for_earlier_event',
          `An earlier event of work order ${workOrderId} in this batch was not applied: send this one after it.`,
          null,
        )
      }
      const valid = validateEvent(raw, deviceNow(clock))
      const event = isProblem(valid) ? valid : timedEvent(valid, raw, clock)
      if (isProblem(event)) {
        return rejected('invalid_event', `The event is not valid: ${event.field} ${event.reason}.`, { ...event }, null)
      }
      try {
        db.transaction(() => {
          if (event.type === 'event.discard') {
            assertSupervisorAction(deps, terminal, event.employee_id, event.payload.event_id, 'discard')
            applyDiscard(terminal, event)
          } else {
            if (resendOf !== null) assertSupervisorAction(deps, terminal, positiveInt(raw.resolved_by), resendOf, 'resend')
            applyEvent(contextFor(terminal, event), event)
          }
          record('applied', null, deps.now(), event)
        })()
      } catch (error) {
        if (error instanceof EventRejected) return rejected(error.code, error.message, error.details, event)
        deps.onUnexpected(error, id)
        return isLockTimeout(error)
          ? retry('lock_timeout', 'The server was busy: the event will be sent again.', event)
          : retry('temporarily_unavailable', 'The server could not apply the event now: it will be sent again.', event)
      }
      return { id, status: 'applied', workorderId: event.workorder_id }
    }

    return withWorkOrders(terminal, db.transaction(() => events.map(processOne))())
  }

  return { ingest }
}

/** The ingest's interface. */
export type Ingest = ReturnType<typeof createIngest>
