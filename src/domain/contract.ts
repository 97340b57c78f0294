/**
 * Types of the terminal API v1 (docs/api.md): the one vocabulary shared by the terminal,
 * the demo backend and the contract suite. Pure types and constants, no I/O.
 */

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

export interface Component {
  product: Product
  qty_required: number
  qty_consumed: number
  tracking: Tracking
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
  holds: Hold[]
  is_blocked: boolean
  note?: string | null
  version: string
}

export interface WorkCenter extends WorkCenterRef {
  is_blocked: boolean
  open_downtime: { loss_reason_id: number; since: string } | null
}

export interface Operator {
  id: number
  name: string
  badge: string | null
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
  /** Fraction over the planned quantity a work order may produce (0.1 = 10 %). */
  overproduction_tolerance: number
}

export interface TerminalInfo {
  id: number
  name: string
  work_center_ids: number[]
  settings: TerminalSettings
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
  'workorder.finish': { qty?: number; lot_name?: string }
  'scrap.record': { product_id: number; qty: number; lot_name?: string; reason_id?: number; note?: string }
  'quality.hold': { lot_name?: string; reason_id: number; note?: string }
  'quality.release': { hold_id: number; note?: string }
  'downtime.start': { loss_reason_id: number; note?: string }
  'downtime.end': Record<string, never>
}

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
]

interface EventEnvelope<T extends EventType> {
  id: string
  type: T
  workorder_id: number
  occurred_at: string
  device_seq: number
  employee_id: number | null
  correlation_id?: string
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
  /** scrap.record of a product that is neither a component nor the product of the work order's MO. */
  | 'product_forbidden'
  /** scrap.record above the cap (default: the MO's quantity of that product). */
  | 'scrap_over_cap'
  | 'release_not_allowed'
  | 'product_unknown'
  | 'downtime_not_open'
  | 'downtime_already_open'

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

export type EventResult =
  | { id: string; status: 'applied' | 'duplicate'; workorder: WorkOrder }
  | { id: string; status: 'rejected' | 'conflict' | 'retry'; error: ErrorInfo }

export type EventStatus = EventResult['status']

export interface EventsResponse {
  results: EventResult[]
}

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
  workorder: WorkOrder | null
}
