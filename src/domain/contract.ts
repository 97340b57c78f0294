/**
 * Types of the terminal API v1 (docs/api.md): the one vocabulary shared by the terminal,
 * the demo backend and the contract suite. Pure types and constants, no I/O.
 */
import type { CredentialParams } from './credentials'

export const API_VERSION = '1'
export const API_BASE_PATH = '/shopfloor_terminal/v1'
/** The most events one `POST /events` may carry. */
export const MAX_BATCH = 200
/** The largest request body a server accepts, in bytes (1 MiB). */
export const MAX_BODY_BYTES = 1_048_576

export type Tracking = 'none' | 'lot' | 'serial'
export type WorkOrderState = 'blocked' | 'ready' | 'progress' | 'done' | 'cancel'
export type LossType = 'availability' | 'performance' | 'quality' | 'productive'
export type HoldState = 'held' | 'released'

export interface Product {
  id: number
  display_name: string
  barcode: string | null
  tracking: Tracking
  uom: string
}

export interface LotRef {
  id: number
  name: string
}

export interface Hold {
  id: number
  lot_name: string | null
  workorder_id: number | null
  reason: string
  state: HoldState
  note: string | null
}

/** How the MO treats components consumed beyond its bill of materials (Odoo's BoM `consumption`). */
export type ConsumptionRule = 'flexible' | 'warning' | 'strict'

/** Odoo's "Component Status" of a manufacturing order. */
export type ComponentsAvailabilityState = 'available' | 'expected' | 'late' | 'unavailable'

export interface ConsumedLot {
  name: string
  qty: number
}

export interface ComponentAvailability {
  /** Reserved for this move and not consumed yet. */
  qty_reserved: number
  /** What Odoo forecasts for this move (its `forecast_availability`). */
  qty_available: number
  /** When the missing quantity is expected, if Odoo knows. */
  expected_date: string | null
  /** Less is available than this operation still needs. */
  is_short: boolean
}

export interface Component {
  /** The MO's raw move: what `component.consume` names. Absent from servers older than this field. */
  move_id?: number
  product: Product
  qty_required: number
  qty_consumed: number
  tracking: Tracking
  lots?: ConsumedLot[]
  availability?: ComponentAvailability
}

export interface WorkCenterRef {
  id: number
  name: string
  code: string
}

export interface ProductionRef {
  id: number
  name: string
  date_deadline: string | null
  priority: '0' | '1'
  state?: string
}

export interface WorkOrder {
  id: number
  name: string
  sequence: number
  production: ProductionRef
  product: Product
  work_center: WorkCenterRef
  state: WorkOrderState
  is_running: boolean
  qty_production: number
  qty_produced: number
  qty_producing: number
  lots_producing: LotRef[]
  duration_expected: number
  duration: number
  date_start: string | null
  date_finished: string | null
  components: Component[]
  /** The MO's consumption rule, from its bill of materials. */
  consumption?: ConsumptionRule
  /** The MO's component availability as Odoo shows it; null once the MO is done or cancelled. */
  components_availability_state?: ComponentsAvailabilityState | null
  /** When late or expected components are due. */
  components_expected_date?: string | null
  holds: Hold[]
  is_blocked: boolean
  note?: string | null
  /** The operation's work instructions as sanitized HTML, or null. Absent from servers older than this field. */
  instructions?: string | null
  /** The operation asks the terminal to open its instructions when the operator starts it. */
  open_instructions_on_start?: boolean
  /** The operation's instruction files (PDFs and images), served by `GET /attachments/<id>`. */
  attachments?: InstructionAttachment[]
  version: string
}

/** The file types an operation's instructions may carry; other attachments are neither listed nor served. */
export const INSTRUCTION_MIMETYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
export type InstructionMimetype = (typeof INSTRUCTION_MIMETYPES)[number]

/** One instruction file of an operation. */
export interface InstructionAttachment {
  id: number
  name: string
  mimetype: InstructionMimetype
  /** Size in bytes. */
  size: number
  /** The content's SHA-1 (hex): a new checksum means a new file. */
  checksum: string
  /** False when the file is over the server's per-file limit: listed and served, never kept for offline use. */
  offline: boolean
}

export interface WorkCenter extends WorkCenterRef {
  is_blocked: boolean
  open_downtime: { loss_reason_id: number; since: string } | null
}

export interface Operator {
  id: number
  name: string
  /** The badge's salted hash (src/domain/credentials.ts); null when the employee has no badge. Never the badge. */
  badge_hash: string | null
  /** The PIN's salted hash, per employee; null when the employee has no PIN. Never the PIN. */
  pin_hash: string | null
  /** May release holds and authorize the tablet's supervisor actions (discard, resend, settings, unpair). */
  can_release_holds: boolean
  lang: string | null
}

export interface Reason {
  id: number
  name: string
}

export interface LossReason extends Reason {
  loss_type: LossType
}

export interface TerminalSettings {
  require_operator: boolean
  allow_operator_list: boolean
  allow_lot_creation: boolean
  /** Operators sign in with their badge (or name) and then their PIN. */
  require_pin: boolean
  /** Operators may close the MO from its last operation ("Produce All"). */
  allow_production_close?: boolean
  /** Fraction over the planned quantity a work order may produce (0.1 = 10 %). */
  overproduction_tolerance: number
}

export interface TerminalInfo {
  id: number
  name: string
  work_center_ids: number[]
  settings: TerminalSettings
  /** How the operators' badge and PIN hashes were derived: the terminal's salt and the iterations. */
  credentials: CredentialParams
}

export interface Limits {
  max_batch: number
  max_body_bytes: number
}

export interface Bootstrap {
  api_version: string
  server_time: string
  terminal: TerminalInfo
  work_centers: WorkCenter[]
  operators: Operator[]
  scrap_reasons: Reason[]
  loss_reasons: LossReason[]
  hold_reasons: Reason[]
  products: Product[]
  limits: Limits
}

export interface Health {
  status: 'ok'
  api_version: string
  server_time: string
  /** True only on the demo backend, which also offers one-click pairing (`DEMO_PAIRING_PATH`). */
  demo?: boolean
}

/** The demo backend's one-click pairing endpoint: not part of v1, absent from Odoo. */
export const DEMO_PAIRING_PATH = '/shopfloor_terminal/demo/pairing-code'

export interface DemoPairingCode {
  pairing_code: string
  expires_at: string
}

export interface PairRequest {
  pairing_code: string
  device_name: string
  client_version: string
}

export interface PairResponse {
  terminal: { id: number; name: string }
  token: string
  api_version: string
}

export interface WorkOrdersPage {
  items: WorkOrder[]
  removed: number[]
  next_cursor: string
  has_more: boolean
}

export interface Lot {
  id: number
  name: string
  product: Product
  expiration_date: string | null
  holds: Hold[]
}

/** Payload of each event type, keyed by type: the contract's event vocabulary. */
export interface EventPayloads {
  'workorder.start': Record<string, never>
  'workorder.pause': { loss_reason_id?: number }
  'workorder.produce': { qty: number; lot_name?: string }
  /**
   * `qty` is the final produced quantity the operator confirmed on screen; `qty_basis` says whether it
   * is what was reported (the default) or Odoo's planned quantity the operator chose (nothing reported).
   */
  'workorder.finish': { qty: number; qty_basis?: FinishQtyBasis; lot_name?: string }
  'scrap.record': { product_id: number; qty: number; lot_name?: string; reason_id?: number; note?: string }
  'quality.hold': { lot_name?: string; reason_id: number; note?: string }
  'quality.release': { hold_id: number; note?: string }
  'downtime.start': { loss_reason_id: number; note?: string }
  'downtime.end': Record<string, never>
  /** A component lot consumed on the MO's raw move; a negative qty corrects what was recorded. */
  'component.consume': { move_id: number; qty: number; lot_name?: string }
  /** Close the MO as Odoo's "Produce All" does; `backorder` answers Odoo's backorder question. */
  'production.close': { backorder: boolean }
  /** A supervisor's discard of this terminal's rejected event `event_id`: resolves its ledger row. */
  'event.discard': { event_id: string; reason: string }
}

/** Where a finish's quantity came from: what was reported, or the planned quantity chosen on screen. */
export const FINISH_QTY_BASES = ['reported', 'planned'] as const
export type FinishQtyBasis = (typeof FINISH_QTY_BASES)[number]

/** The longest reason an `event.discard` carries, in characters. */
export const DISCARD_REASON_MAX = 200

export type EventType = keyof EventPayloads

export const EVENT_TYPES: readonly EventType[] = [
  'workorder.start',
  'workorder.pause',
  'workorder.produce',
  'workorder.finish',
  'scrap.record',
  'quality.hold',
  'quality.release',
  'downtime.start',
  'downtime.end',
  'component.consume',
  'production.close',
  'event.discard',
]

interface EventEnvelope<T extends EventType> {
  id: string
  type: T
  workorder_id: number
  occurred_at: string
  device_seq: number
  employee_id: number | null
  correlation_id?: string
  /**
   * Set only when the device's wall clock moved this many ms apart from its monotonic clock since
   * the previous event (positive: set forward): the server applies the event and flags it for a supervisor.
   */
  clock_jump_ms?: number
  /** A resent event: the id of the rejected event it replaces (it keeps that event's device_seq). */
  resend_of?: string | null
  /** A resent event: the employee id of the supervisor who resent it, or null (an office decision). */
  resolved_by?: number | null
  payload: EventPayloads[T]
}

/** One operator action as it travels to the server. */
export type TerminalEvent = { [T in EventType]: EventEnvelope<T> }[EventType]

export type ServerErrorCode =
  | 'malformed_json'
  | 'invalid_request'
  | 'unauthorized'
  | 'token_invalid'
  | 'token_revoked'
  | 'pairing_code_invalid'
  | 'forbidden'
  | 'not_found'
  | 'lot_unknown'
  | 'method_not_allowed'
  | 'cursor_expired'
  | 'payload_too_large'
  | 'batch_too_large'
  | 'client_too_old'
  | 'rate_limited'
  | 'internal_error'
  /** 502 from the Node server in front of an Odoo it cannot reach (`SHOPFLOOR_ODOO_URL`). */
  | 'upstream_unreachable'
  /** 503: the server is busy (a lock or a serialization failure); try again later. */
  | 'temporarily_unavailable'

export type RejectionCode =
  | 'invalid_event'
  | 'workorder_not_found'
  | 'workorder_forbidden'
  | 'workorder_closed'
  | 'workorder_on_hold'
  | 'workorder_blocked'
  | 'workcenter_down'
  | 'qty_invalid'
  | 'qty_over_tolerance'
  | 'lot_required'
  | 'lot_unknown'
  | 'serial_already_produced'
  | 'serial_qty'
  | 'reason_unknown'
  | 'employee_unknown'
  | 'hold_unknown'
  | 'hold_not_active'
  /** The hold is on no work order or lot of the terminal's work centers. */
  | 'hold_forbidden'
  /** occurred_at is older than the server's window (default 7 days): resend with the right time. */
  | 'occurred_too_old'
  /** occurred_at is before the work order was created (Odoo). */
  | 'occurred_before_workorder'
  /** A pause, finish or downtime end before the start of the line it closes. */
  | 'occurred_before_start'
  /** A start, pause or finish that would overlap another time line of the same operator: resend with the right time. */
  | 'operator_time_overlap'
  /** scrap.record of a product that is neither a component nor the product of the work order's MO. */
  | 'product_forbidden'
  /** scrap.record above the cap (default: the MO's quantity of that product). */
  | 'scrap_over_cap'
  | 'release_not_allowed'
  /** A discard or resend names no supervisor (an employee of the terminal with `can_release_holds`) and no office decision. */
  | 'supervisor_required'
  | 'product_unknown'
  | 'downtime_not_open'
  | 'downtime_already_open'
  | 'component_unknown'
  | 'lot_on_hold'
  | 'consumption_exceeded'
  | 'consumption_mismatch'
  | 'close_not_allowed'
  /** The event failed unexpectedly `max_event_failures` times on the server: a dead letter. */
  | 'internal_error'

export type RetryCode = 'waiting_for_earlier_event' | 'lock_timeout' | 'temporarily_unavailable'

export type ErrorCode = ServerErrorCode | RejectionCode | RetryCode | 'idempotency_key_reused'

export interface ErrorInfo {
  code: ErrorCode
  message: string
  details?: Record<string, unknown>
}

export interface ErrorBody {
  error: ErrorInfo & { correlation_id: string }
}

/**
 * `workorder` is the work order as it is after the batch; null only when the terminal no longer has it
 * (an `event.discard` after the work order moved, a rejection for a work order it never had).
 */
export type EventResult =
  | { id: string; status: 'applied' | 'duplicate'; workorder: WorkOrder | null }
  | { id: string; status: 'rejected'; error: ErrorInfo; workorder?: WorkOrder | null }
  | { id: string; status: 'conflict' | 'retry'; error: ErrorInfo }

export type EventStatus = EventResult['status']

/** The body of `POST /events`. */
export interface EventsRequest {
  events: readonly TerminalEvent[]
  /** The device clock when the batch left (ISO 8601 with ms): the server corrects `occurred_at` by its own clock minus this. */
  sent_at: string
}

export interface EventsResponse {
  results: EventResult[]
  /** The server clock when it received the batch (ISO 8601 UTC with ms): the time it corrected the batch's events by. */
  server_time: string
}

/** The response header every answer of both servers carries: the server clock (ISO 8601 UTC with ms). */
export const SERVER_TIME_HEADER = 'X-Server-Time'

export interface LedgerEntry {
  id: string
  /** As received: an event rejected as `invalid_event` may carry an unknown type or none. */
  type: string | null
  workorder_id: number | null
  device_seq: number | null
  status: 'applied' | 'rejected' | 'retry'
  error: ErrorInfo | null
  correlation_id: string
  received_at: string
  applied_at: string | null
  /** The event's time as the device stated it (UTC), null when it could not be read. */
  occurred_at: string | null
  /** The same corrected by the batch's clock skew: what the server applied. Null when not read. */
  occurred_at_server: string | null
  /** The wall-clock jump the device marked the event with (ms), flagged for a supervisor; null when none. */
  clock_jump_ms: number | null
  workorder: WorkOrder | null
  /** The rejected event this one resends, when it is a resend. */
  resend_of?: string | null
  /** How a rejected event was resolved, or null while it waits (and for every other status). */
  resolution?: Resolution | null
  resolved_at?: string | null
}

export type Resolution = 'resent' | 'discarded' | 'resolved_in_odoo'

/** What a supervisor decided in the office on one of this terminal's rejected events. */
export interface OfficeDecision {
  event_id: string
  action: 'resend' | 'discard'
  /** The user's name. */
  decided_by: string
  decided_at: string
  note: string | null
}

export interface DecisionsResponse {
  decisions: OfficeDecision[]
}
