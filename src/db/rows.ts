import type {
  ErrorInfo,
  EventType,
  Limits,
  Lot,
  LossReason,
  Operator,
  Product,
  Reason,
  TerminalEvent,
  TerminalInfo,
  WorkCenter,
  WorkOrder,
} from '../domain/contract'
import type { ClockAnchor, ClockEstimate, ClockJumpNote } from '../domain/clock'
import type { ReasonKind } from '../domain/rules'
import type { SyncBlocker } from '../domain/sync-status'

/** The pairing of this device: one row, key `session`. */
export interface SessionRow {
  key: 'session'
  /** Origin of the paired server, e.g. `https://odoo.example.com`. */
  serverUrl: string
  token: string
  deviceName: string
  terminal: TerminalInfo
  limits: Limits
  /** Epoch ms. */
  pairedAt: number
  /** The signed-in operator; stored so a reload keeps them signed in. */
  operatorId: number | null
}

/** A work order as the screens show it: the server's copy with this device's pending events applied. */
export interface WorkOrderRow {
  id: number
  workCenterId: number
  /** The queue order as a string (domain `queueSortKey`), indexed with the work center. */
  queueKey: string
  productId: number
  /** The manufacturing order: a finish makes the next operation ready. */
  productionId: number
  /** Names of the lots/serials produced, for the lot-name index. */
  lotNames: string[]
  /** What the screens show (optimistic). */
  wo: WorkOrder
  /** The server's last copy while local events are pending on top of it; null when `wo` is the server's copy. */
  base: WorkOrder | null
  /**
   * 1 exactly when `base` is set, absent otherwise: a sparse index, so a pull finds the few
   * work orders with local changes by key alone instead of reading every row it replaces.
   */
  diverged?: 1
}

/**
 * `pending`: waiting for the server. `done`: applied or duplicate. `dead`: rejected or conflict, in
 * the dead-letter list. `resolved`: a dead event that a supervisor resent (as a new event) or discarded.
 */
export type OutboxStatus = 'pending' | 'done' | 'dead' | 'resolved'

/** Failures the device itself observes, next to the server's error codes. */
export type LocalFailureCode = 'network_error' | 'timeout' | 'unexpected_response' | 'protocol_error'

/** Why the last attempt to send an event failed. */
export interface FailureInfo {
  code: ErrorInfo['code'] | LocalFailureCode
  message: string
  details?: Record<string, unknown>
}

/** One recorded event. Append-only: after the insert only the status fields change. */
export interface OutboxRow {
  /** The event id (UUIDv7), the idempotency key. */
  id: string
  /** The event's device_seq. */
  seq: number
  workorderId: number
  type: EventType
  event: TerminalEvent
  status: OutboxStatus
  /** How many times the event was sent. */
  attempts: number
  /** The last failure (transport or server), for the supervisor screen. */
  lastError: FailureInfo | null
  /** Epoch ms of the tap. */
  recordedAt: number
  /** Epoch ms of the last send. */
  lastAttemptAt: number | null
  /** Epoch ms when the server's answer settled it. */
  settledAt: number | null
  /** The server's final answer, once settled. */
  result: 'applied' | 'duplicate' | 'rejected' | 'conflict' | null
  /** For a supervisor's resend or discard: the id of the dead event whose place it takes (its seq). */
  resendOf: string | null
  /**
   * The device's clock jumps added up when the event was recorded (`SyncStateRow.clockShiftMs`), in ms;
   * absent on rows recorded before jumps were tracked.
   */
  clockShiftMs?: number
}

/**
 * How a supervisor resolved a dead letter: `operatorId` is the supervisor signed in on the tablet, or null
 * when the tablet carried out a decision from the office, whose user name is `decidedBy`.
 */
export type DeadLetterResolution =
  | { kind: 'resent'; eventId: string; at: number; operatorId: number | null; decidedBy?: string | null }
  | { kind: 'discarded'; reason: string; at: number; operatorId: number | null; decidedBy?: string | null }

/** An event the server will never apply as sent, with its reason, until a supervisor resolves it. */
export interface DeadLetterRow {
  /** The dead event's id. */
  id: string
  seq: number
  workorderId: number
  event: TerminalEvent
  status: 'rejected' | 'conflict'
  /** The server's reason (or the device's, for an event the server could not even address). */
  error: FailureInfo
  /** Epoch ms. */
  deadAt: number
  /** 0 while unresolved, 1 after resend or discard (booleans cannot be indexed). */
  resolved: 0 | 1
  resolution: DeadLetterResolution | null
}

/** Sync bookkeeping: one row, key `sync`. */
export interface SyncStateRow {
  key: 'sync'
  /** The last device_seq handed out; the next event gets this + 1. */
  deviceSeq: number
  /** Delta-sync cursor of the last completed pull, or null for a full sync. */
  cursor: string | null
  lastSyncAt: number | null
  offlineSince: number | null
  replayingSince: number | null
  blockedBy: SyncBlocker | null
  lastError: string | null
  /** Fingerprint of the reference data last written, so an unchanged bootstrap writes nothing. */
  referenceHash: string | null
  /** This device's clock against the server's, from the last round trips; null before the first. Not indexed: no schema change. */
  clock: ClockEstimate | null
  /** Both clocks at the last recorded event, to see the wall clock jump between events. */
  clockAnchor: ClockAnchor | null
  /** The last jump seen, for the supervisor screen. */
  lastClockJump: ClockJumpNote | null
  /**
   * Every backward wall-clock jump seen between events, added up (ms). An event recorded when this
   * was S is sent with `sent_at` = now − (current − S): the time its own clock would show now, so
   * the server's correction is right on both sides of the jump.
   */
  clockShiftMs: number
}

/** A replay lease, the fallback for browsers without Web Locks. */
export interface LeaseRow {
  name: string
  owner: string
  /** Epoch ms after which another tab may take it. */
  expiresAt: number
}

/** One reason of one of the bootstrap's lists. */
export interface ReasonRow {
  kind: ReasonKind
  id: number
  name: string
  /** Loss reasons only. */
  loss_type?: LossReason['loss_type']
}

/** A lot looked up online, kept for offline scans. */
export interface LotRow extends Lot {
  productId: number
  /** Epoch ms. */
  fetchedAt: number
}

export type { Operator, Product, Reason, WorkCenter }
