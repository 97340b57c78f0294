import { randomUUID } from 'node:crypto'
import type {
  Bootstrap,
  EventPayloads,
  EventResult,
  EventType,
  PairResponse,
  TerminalEvent,
  WorkOrder,
  WorkOrdersPage,
} from '../../../src/domain/contract.ts'
import { createDemoServer, type DemoServer, type DemoServerOptions } from '../../../server/testing.ts'

/** A demo server driven through `inject` (no sockets) with one paired terminal. */
export interface Harness {
  server: DemoServer
  token: string
  terminalId: number
  /** Moves the server clock (when the harness was built with `clock`). */
  advance(ms: number): void
  /** The server clock, epoch ms. */
  now(): number
  get<T>(path: string): Promise<{ status: number; body: T }>
  /** Sends events, returns their results. */
  send(...events: object[]): Promise<EventResult[]>
  /** Every work order of the terminal (full sync). */
  workOrders(): Promise<WorkOrder[]>
  bootstrap(): Promise<Bootstrap>
  close(): Promise<void>
}

let seq = 0

/** A well-formed event at the harness clock's now (or `at`). */
export function event<T extends EventType>(
  h: Pick<Harness, 'now'>,
  type: T,
  workorderId: number,
  payload: EventPayloads[T],
  options: { employeeId?: number | null; at?: number } = {},
): TerminalEvent {
  seq += 1
  return {
    id: randomUUID(),
    type,
    workorder_id: workorderId,
    occurred_at: new Date(options.at ?? h.now()).toISOString(),
    device_seq: seq,
    employee_id: options.employeeId === undefined ? 1 : options.employeeId,
    payload,
  } as TerminalEvent
}

/** Starts an in-memory demo server with a frozen, movable clock and pairs a terminal through the API. */
export async function startHarness(options: DemoServerOptions = {}): Promise<Harness> {
  let clock = Date.parse('2026-11-23T08:00:00.000Z')
  const server = await createDemoServer({ listen: false, now: () => new Date(clock), ...options })
  return connect(server, server.pairingCode, {
    now: () => clock,
    advance: (ms) => {
      clock += ms
    },
  })
}

/** The same server and clock seen from another terminal, bound to these work centers only. */
export function otherTerminal(h: Harness, workCenterIds: readonly number[]): Promise<Harness> {
  return connect(h.server, h.server.newTerminalOn(workCenterIds), { now: h.now, advance: h.advance })
}

async function connect(server: DemoServer, code: string, clock: Pick<Harness, 'now' | 'advance'>): Promise<Harness> {
  const pair = await server.app.inject({
    method: 'POST',
    url: '/shopfloor_terminal/v1/pair',
    payload: { pairing_code: code, device_name: 'unit', client_version: '1.0.0' },
  })
  const pairing = pair.json<PairResponse>()
  const headers = { authorization: `Bearer ${pairing.token}` }
  const get = async <T>(path: string) => {
    const response = await server.app.inject({ method: 'GET', url: `/shopfloor_terminal/v1${path}`, headers })
    return { status: response.statusCode, body: response.json<T>() }
  }
  return {
    server,
    token: pairing.token,
    terminalId: pairing.terminal.id,
    ...clock,
    get,
    async send(...events) {
      const response = await server.app.inject({ method: 'POST', url: '/shopfloor_terminal/v1/events', headers, payload: { events } })
      if (response.statusCode !== 200) throw new Error(`POST /events answered ${response.statusCode}: ${response.body}`)
      return response.json<{ results: EventResult[] }>().results
    },
    async workOrders() {
      const items: WorkOrder[] = []
      let page = (await get<WorkOrdersPage>('/workorders?limit=1000')).body
      items.push(...page.items)
      while (page.has_more) {
        page = (await get<WorkOrdersPage>(`/workorders?limit=1000&cursor=${page.next_cursor}`)).body
        items.push(...page.items)
      }
      return items
    },
    bootstrap: async () => (await get<Bootstrap>('/bootstrap')).body,
    close: () => server.close(),
  }
}

/** The work order of an applied or duplicate result; throws with the error otherwise. */
export function applied(result: EventResult | undefined): WorkOrder {
  if (!result || 'error' in result || result.workorder === null) throw new Error(`not applied with its work order: ${JSON.stringify(result)}`)
  return result.workorder
}

/** The error code of a result that did not apply. */
export function codeOf(result: EventResult | undefined): string | undefined {
  return result && 'error' in result ? result.error.code : undefined
}

/** A ready, untracked work order that nothing stops now: what the time-rule tests start. */
export async function idleWorkOrder(h: Harness): Promise<WorkOrder> {
  const found = (await h.workOrders()).find((wo) => wo.state === 'ready' && wo.product.tracking === 'none' && !wo.is_blocked)
  if (!found) throw new Error('the demo plant has no ready, untracked work order')
  return found
}
