import { v7 as uuidv7 } from 'uuid'
import type { ShopfloorDb } from '../db/schema'
import type { OutboxRow } from '../db/rows'
import type { Operator, Product, TerminalEvent, WorkOrder } from '../domain/contract'
import type { RecordAction } from '../domain/actions'
import { clockJump, type ClockAnchor } from '../domain/clock'
import { advanceProduction, applyEventToWorkCenter, applyEventToWorkOrder } from '../domain/effects'
import { ActionRefusedError } from '../domain/refusals'
import { factsNeeded, validateAction } from '../domain/rules'
import { formatLocalIso } from '../domain/time'
import { effectContext, readSyncState } from './context'
import { workOrderRow } from './merge'

/** Sources of identity and time, injectable so tests are deterministic. */
export interface RecordDeps {
  /** Epoch ms of "now" on the device clock. */
  now?: () => number
  /** Makes the event id and its correlation id (UUIDv7 by default). */
  newId?: () => string
  /** The monotonic clock, ms (`performance.now()` by default): it does not move when the wall clock is set. */
  monotonic?: () => number
  /** Which page the monotonic clock belongs to (a reload restarts it). */
  pageId?: string
  /**
   * The operator who authorized this action with badge and PIN and is named on the event instead of
   * the signed-in one (a hold release by a supervisor standing at someone else's tablet).
   */
  authorizedBy?: number
}

/** The operator an event names, or null (none signed in, or no longer on this terminal). */
async function actingOperator(db: ShopfloorDb, operatorId: number | null): Promise<Operator | null> {
  return operatorId === null ? null : ((await db.operators.get(operatorId)) ?? null)
}

/** This page's id: monotonic readings from another page (a reload, another tab) cannot be compared. */
const PAGE_ID = uuidv7()

/**
 * Records an operator action: builds the event (id made here, once, at the tap; next device_seq
 * without gaps; occurred_at from the device clock, marked `clock_jump_ms` when that clock was set
 * since the previous event; the signed-in operator), judges it with the
 * domain rules, and writes the event and its optimistic effect on the work order in ONE
 * transaction. Resolves only after that transaction committed: then the action survives a crash.
 * @throws ActionRefusedError when the rules refuse the action (nothing is written).
 */
export async function recordAction(db: ShopfloorDb, action: RecordAction, deps: RecordDeps = {}): Promise<OutboxRow> {
  const { now = Date.now, newId = uuidv7, monotonic = () => performance.now(), pageId = PAGE_ID, authorizedBy } = deps
  const id = newId()
  const correlationId = newId()
  const tappedAt = now()
  const anchor: ClockAnchor = { wallMs: tappedAt, monoMs: monotonic(), pageId }
  // Vue hands over reactive proxies, which IndexedDB cannot store; JSON also drops undefined fields.
  const payload = JSON.parse(JSON.stringify(action.payload)) as RecordAction['payload']
  const plain = { ...action, payload } as RecordAction

  return db.transaction(
    'rw',
    [db.session, db.syncState, db.workOrders, db.workCenters, db.operators, db.reasons, db.products, db.outbox],
    async () => {
      // Independent reads are issued together: each sequential await costs an IndexedDB round trip.
      const [session, stored, state] = await Promise.all([db.session.get('session'), db.workOrders.get(plain.workorderId), readSyncState(db)])
      if (!session) throw new ActionRefusedError('not_paired')
      const wo = stored?.wo
      const needed = factsNeeded(plain, wo)
      const [workCenter, operator, reason, product, serialProducedBefore, ctx] = await Promise.all([
        stored ? db.workCenters.get(stored.workCenterId) : undefined,
        actingOperator(db, authorizedBy ?? session.operatorId),
        needed.reason ? db.reasons.get([needed.reason.kind, needed.reason.id]) : undefined,
        needed.productId === null ? undefined : findProduct(db, needed.productId, wo),
        needed.serial ? serialProduced(db, needed.serial) : false,
        effectContext(db),
      ])
      validateAction(plain, {
        workOrder: wo,
        workCenter,
        operator,
        settings: session.terminal.settings,
        reason,
        product,
        serialProducedBefore,
      })

      const seq = state.deviceSeq + 1
      const jump = clockJump(state.clockAnchor, anchor)
      // Only a clock set back is certain: where performance.now() stops while the device sleeps
      // (Chromium on Android and Linux), a wall clock ahead of it may be a nap, so a forward jump
      // is marked for a supervisor but the events before it keep their clock.
      const clockShiftMs = state.clockShiftMs + (jump !== null && jump < 0 ? jump : 0)
      const event = {
        id,
        type: plain.type,
        workorder_id: plain.workorderId,
        occurred_at: formatLocalIso(new Date(tappedAt)),
        device_seq: seq,
        employee_id: operator?.id ?? null,
        correlation_id: correlationId,
        ...(jump === null ? {} : { clock_jump_ms: jump }),
        payload: plain.payload,
      } as TerminalEvent
      const row: OutboxRow = {
        id,
        seq,
        workorderId: event.workorder_id,
        type: event.type,
        event,
        status: 'pending',
        attempts: 0,
        lastError: null,
        recordedAt: tappedAt,
        lastAttemptAt: null,
        settledAt: null,
        result: null,
        resendOf: null,
        clockShiftMs,
      }
      await Promise.all([
        db.outbox.add(row),
        db.syncState.put({
          ...state,
          deviceSeq: seq,
          clockAnchor: anchor,
          clockShiftMs,
          lastClockJump: jump === null ? state.lastClockJump : { jumpMs: jump, eventId: id, type: event.type, workorderId: event.workorder_id, at: tappedAt },
        }),
        stored && wo ? db.workOrders.put(workOrderRow(applyEventToWorkOrder(wo, event, ctx), stored.base ?? wo)) : undefined,
        workCenter ? db.workCenters.put(applyEventToWorkCenter(workCenter, event)) : undefined,
      ])
      if (wo && event.type === 'workorder.finish') await advanceSiblings(db, wo.production.id)
      return row
    },
  )
}

/**
 * The finish's effect on the other operations of its manufacturing order (the next one becomes
 * ready). Each changed operation keeps its server copy as `base`, so a rejected finish can undo it.
 */
async function advanceSiblings(db: ShopfloorDb, productionId: number): Promise<void> {
  const siblings = await db.workOrders.where('productionId').equals(productionId).toArray()
  const changed = advanceProduction(siblings.map((r) => r.wo))
  const before = new Map(siblings.map((r) => [r.id, r]))
  await db.workOrders.bulkPut(
    changed.map((wo) => {
      const row = before.get(wo.id)
      return workOrderRow(wo, row?.base ?? row?.wo ?? null)
    }),
  )
}

async function serialProduced(db: ShopfloorDb, serial: { productId: number; productionId: number; name: string }): Promise<boolean> {
  const count = await db.workOrders
    .where('lotNames')
    .equals(serial.name)
    .filter((r) => r.productId === serial.productId && r.productionId !== serial.productionId)
    .count()
  return count > 0
}

async function findProduct(db: ShopfloorDb, productId: number, wo: WorkOrder | undefined): Promise<Product | undefined> {
  const known = await db.products.get(productId)
  if (known) return known
  if (wo?.product.id === productId) return wo.product
  return wo?.components.find((c) => c.product.id === productId)?.product
}
