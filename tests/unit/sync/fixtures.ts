/** Test data and a scripted fake server for the data-layer and sync tests (fakes only at the HTTP edge). */
import type { Bootstrap, EventResult, TerminalEvent, WorkOrder, WorkOrdersPage } from '../../../src/domain/contract'
import { ShopfloorDb } from '../../../src/db/schema'
import { writeBootstrap } from '../../../src/sync/pull'
import { workOrderRow } from '../../../src/sync/merge'
import { hashedOperator, TEST_CREDENTIALS } from '../operators-fixture'

let dbCounter = 0

/** A fresh, empty database with a unique name (fake-indexeddb is global to the test file). */
export function freshDb(): ShopfloorDb {
  dbCounter++
  return new ShopfloorDb(`test-${Date.now()}-${dbCounter}-${Math.random()}`)
}

export const SERVER = 'http://plant.test'

/** A work order as the server sends it; fields can be overridden. */
export function workOrder(id: number, overrides: Partial<WorkOrder> = {}): WorkOrder {
  return {
    id,
    name: `Op ${id}`,
    sequence: 10,
    production: { id: 100 + id, name: `WH/MO/${String(id).padStart(5, '0')}`, date_deadline: null, priority: '0' },
    product: { id: 7, display_name: '[DRW-01] Drawer', barcode: '4006381333931', tracking: 'none', uom: 'Units' },
    work_center: { id: 1, name: 'Assembly Line 1', code: 'ASM1' },
    state: 'ready',
    is_running: false,
    qty_production: 10,
    qty_produced: 0,
    qty_producing: 0,
    lots_producing: [],
    duration_expected: 60,
    duration: 0,
    date_start: null,
    date_finished: null,
    components: [],
    holds: [],
    is_blocked: false,
    version: 'v1',
    ...overrides,
  }
}

/** A bootstrap for terminal 1 on work centers 1 and 2; fields can be overridden. */
export function bootstrap(overrides: Partial<Bootstrap> = {}): Bootstrap {
  return {
    api_version: '1',
    server_time: '2026-11-23T08:00:00Z',
    terminal: {
      id: 1,
      name: 'Line 1 tablet',
      work_center_ids: [1, 2],
      settings: { require_operator: true, allow_operator_list: true, allow_lot_creation: true, require_pin: false, overproduction_tolerance: 0.1 },
      credentials: TEST_CREDENTIALS,
    },
    work_centers: [
      { id: 1, name: 'Assembly Line 1', code: 'ASM1', is_blocked: false, open_downtime: null },
      { id: 2, name: 'Paint', code: 'PNT', is_blocked: false, open_downtime: null },
    ],
    operators: [
      // Badges 0418 / 0419, PINs 1234 / 4321.
      hashedOperator({ id: 8, name: 'Marc Demo', can_release_holds: false, lang: 'en' }, '0418', '1234'),
      hashedOperator({ id: 9, name: 'Sofia Supervisor', can_release_holds: true, lang: 'de' }, '0419', '4321'),
    ],
    scrap_reasons: [{ id: 1, name: 'Damaged' }],
    loss_reasons: [{ id: 2, name: 'Equipment Failure', loss_type: 'availability' }],
    hold_reasons: [{ id: 3, name: 'Dimension out of tolerance' }],
    products: [
      { id: 7, display_name: '[DRW-01] Drawer', barcode: '4006381333931', tracking: 'none', uom: 'Units' },
      { id: 11, display_name: '[SCR-01] Screw', barcode: '111', tracking: 'lot', uom: 'Units' },
    ],
    limits: { max_batch: 200, max_body_bytes: 1_048_576 },
    ...overrides,
  }
}

/** Puts a paired session, the bootstrap's reference data and these work orders into `db` (as a pull would). */
export async function seed(
  db: ShopfloorDb,
  workOrders: WorkOrder[] = [workOrder(1)],
  options: { boot?: Bootstrap; operatorId?: number | null } = {},
): Promise<void> {
  const boot = options.boot ?? bootstrap()
  await db.session.put({
    key: 'session',
    serverUrl: SERVER,
    token: 'sft_test',
    deviceName: 'Line 1 tablet',
    terminal: boot.terminal,
    limits: boot.limits,
    pairedAt: 0,
    operatorId: options.operatorId === undefined ? 8 : options.operatorId,
  })
  await writeBootstrap(db, boot)
  await db.workOrders.bulkPut(workOrders.map((wo) => workOrderRow(wo, null)))
}

/** What the fake server received. */
export interface Call {
  method: string
  path: string
  query: URLSearchParams
  headers: Headers
  body: unknown
}

/** One scripted answer: a Response, or a function of the call that returns one (or throws, like fetch). */
export type Reply = Response | ((call: Call) => Response | Promise<Response>)

/** A JSON response with the contract's content type. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  })
}

/** The contract's error envelope. */
export function errorReply(status: number, code: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return json({ error: { code, message: `${code} happened`, details, correlation_id: 'srv-1' } }, status, headers)
}

/** A fetch failure as browsers report it when the network is down. */
export const networkDown: Reply = () => {
  throw new TypeError('Failed to fetch')
}

/**
 * A scripted fake server: per "METHOD /path" a queue of replies, the last one repeating.
 * Unscripted routes answer 404 `not_found`. Every call is logged in `calls`.
 */
export function scriptedServer() {
  const routes = new Map<string, Reply[]>()
  const calls: Call[] = []
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
    const method = init.method ?? 'GET'
    const path = url.pathname.replace('/shopfloor_terminal/v1', '')
    const call: Call = {
      method,
      path,
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    }
    calls.push(call)
    const key = `${method} ${path}`
    const queue = routes.get(key)
    const reply = queue && (queue.length > 1 ? queue.shift() : queue[0])
    if (!reply) return errorReply(404, 'not_found')
    return typeof reply === 'function' ? reply(call) : reply.clone()
  }
  return {
    fetch: fetch as typeof globalThis.fetch,
    calls,
    /** Queues replies for "METHOD /path"; the last one repeats. */
    on(route: string, ...replies: Reply[]) {
      routes.set(route, replies)
      return this
    },
    /** Events the server received in POST /events bodies, in order. */
    postedEvents(): TerminalEvent[] {
      return calls.filter((c) => c.path === '/events' && c.method === 'POST').flatMap((c) => (c.body as { events: TerminalEvent[] }).events)
    },
  }
}

/** A POST /events reply that applies every event, answering the given work order per id. */
export function applyAll(workOrderFor: (event: TerminalEvent) => WorkOrder): Reply {
  return (call) => {
    const events = (call.body as { events: TerminalEvent[] }).events
    const results: EventResult[] = events.map((e) => ({ id: e.id, status: 'applied', workorder: workOrderFor(e) }))
    return json({ results })
  }
}

/** A POST /events reply that answers each event with `decide(event)`. */
export function answerEach(decide: (event: TerminalEvent) => EventResult): Reply {
  return (call) => json({ results: (call.body as { events: TerminalEvent[] }).events.map(decide) })
}

/**
 * An in-memory Web Locks manager (the `ifAvailable` mode the replayer uses), shared by the "tabs"
 * of a test. `crash(holder)` releases what a dead tab held, as the browser does.
 */
export function fakeLocks() {
  const held = new Set<string>()
  const manager = {
    request<T>(name: string, options: LockOptions, callback: (lock: Lock | null) => Promise<T>): Promise<T> {
      if (options.ifAvailable && held.has(name)) return callback(null)
      held.add(name)
      return callback({ name, mode: 'exclusive' } as Lock).finally(() => held.delete(name))
    },
  }
  return { manager: manager as unknown as Pick<LockManager, 'request'>, held, crash: (name: string) => held.delete(name) }
}

/** A single page of work orders. */
export function page(items: WorkOrder[], nextCursor = 'c1', hasMore = false, removed: number[] = []): WorkOrdersPage {
  return { items, removed, next_cursor: nextCursor, has_more: hasMore }
}
