/**
 * Property-based chaos test of the sync engine against the REAL demo backend, in process
 * (server/testing.ts, requests through Fastify's inject): random operator actions, dropped
 * requests, responses lost after the server committed, duplicated deliveries, server faults, and
 * tabs that die in the middle of a replay (a new engine on the same IndexedDB takes over).
 * Among the operator's actions a supervisor resolves failed events (resend as is, resend with
 * changes, discard), each in the failed event's place. After the network heals and a supervisor
 * discards what is still failed, the server's final state must equal the device's recorded intent in
 * order: every event the device confirms applied exactly once, in device order per work order, every
 * resolved one rejected there and resolved the same way in the ledger, nothing pending or unexplained,
 * each produced quantity what was applied (a finish: the quantity it states), and the device must show
 * what the server has.
 *
 * CHAOS_RUNS sets the number of cases (default 250); CHAOS_SEED replays a failing seed.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createDemoServer, type DemoServer } from '../../../server/testing'
import { ShopfloorDb } from '../../../src/db/schema'
import type { TerminalEvent, WorkOrder } from '../../../src/domain/contract'
import type { RecordAction } from '../../../src/domain/actions'
import { finishOffer, finishPayload } from '../../../src/domain/finish'
import { ActionRefusedError } from '../../../src/domain/refusals'
import { createSyncEngine, type CycleResult, type SyncEngine } from '../../../src/sync/engine'
import { discardDeadLetter, resendDeadLetter } from '../../../src/sync/dead-letters'
import { recordAction } from '../../../src/sync/recorder'
import { pairDevice, signIn } from '../../../src/sync/session'
import { fakeLocks } from './fixtures'

const RUNS = Number(process.env.CHAOS_RUNS ?? 250)
const SEED = process.env.CHAOS_SEED === undefined ? undefined : Number(process.env.CHAOS_SEED)

/** What happens to one HTTP request. */
type Fault = 'ok' | 'drop' | 'lost' | 'dup' | 'server_error' | 'crash_before' | 'crash_after'

type Step =
  | { kind: 'act'; action: 'start' | 'pause' | 'produce' | 'finish' | 'scrap' | 'hold' | 'release' | 'downtime' | 'uptime'; wo: number; qty: number; lot: number }
  | { kind: 'sign_in'; operator: number }
  | { kind: 'resolve'; how: 'resend' | 'resend_changed' | 'discard'; n: number }
  | { kind: 'elsewhere'; action: 'hold' | 'release'; wo: number }
  | { kind: 'sync' }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      action: fc.constantFrom('start', 'pause', 'produce', 'produce', 'finish', 'scrap', 'hold', 'release', 'downtime', 'uptime'),
      wo: fc.nat(5),
      qty: fc.integer({ min: 1, max: 3 }),
      lot: fc.nat(2),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sign_in' as const), operator: fc.nat(9) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('resolve' as const), how: fc.constantFrom('resend', 'resend_changed', 'discard'), n: fc.nat(3) }),
  },
  // Holds put and released from another terminal (or Odoo) while this one works: refusals it cannot foresee.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('elsewhere' as const), action: fc.constantFrom('hold', 'release'), wo: fc.nat(5) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'sync' as const }) },
)

const faultArb = fc.constantFrom<Fault>('ok', 'ok', 'drop', 'lost', 'dup', 'server_error', 'crash_before', 'crash_after')

/** Fastify's inject as a fetch: the real server, no sockets. */
async function inject(app: FastifyInstance, input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(String(input))
  const res = await app.inject({
    method: (init.method ?? 'GET') as 'GET' | 'POST',
    url: url.pathname + url.search,
    headers: init.headers as Record<string, string>,
    payload: typeof init.body === 'string' ? init.body : undefined,
  })
  const headers = new Headers()
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, String(v))
  return new Response(res.body, { status: res.statusCode, headers })
}

/** The network between the tabs and the server, failing as the schedule says until healed. */
function network(app: FastifyInstance, schedule: readonly Fault[]) {
  let next = 0
  let healed = false
  const never = new Promise<Response>(() => {})
  return {
    heal: () => (healed = true),
    /** A fetch for one tab; `onCrash` is called when the tab dies on a request. */
    fetchFor(onCrash: () => void): typeof fetch {
      return async (input, init) => {
        const fault: Fault = healed ? 'ok' : (schedule[next++] ?? 'ok')
        switch (fault) {
          case 'ok':
            return inject(app, input, init)
          case 'drop':
            throw new TypeError('Failed to fetch')
          case 'lost':
            await inject(app, input, init)
            throw new TypeError('Failed to fetch')
          case 'dup':
            await inject(app, input, init)
            return inject(app, input, init)
          case 'server_error':
            return new Response(JSON.stringify({ error: { code: 'internal_error', message: 'injected', details: {}, correlation_id: 'x' } }), {
              status: 503,
              headers: { 'content-type': 'application/json' },
            })
          case 'crash_before':
            onCrash()
            return never
          case 'crash_after':
            await inject(app, input, init)
            onCrash()
            return never
          default:
            throw new Error(`Unhandled fault ${String(fault)}`)
        }
      }
    },
  }
}

/** One browser tab: its own database connection and engine over the shared IndexedDB. */
interface Tab {
  db: ShopfloorDb
  engine: SyncEngine
  /** Resolves when the tab dies (its JS stops: the pending request never returns). */
  died: Promise<void>
}

function openTab(dbName: string, net: ReturnType<typeof network>, locks: ReturnType<typeof fakeLocks>): Tab {
  let die = () => {}
  const died = new Promise<void>((resolve) => (die = resolve))
  const db = new ShopfloorDb(dbName)
  const engine = createSyncEngine({
    db,
    locks: locks.manager,
    fetch: net.fetchFor(() => {
      // The browser releases a dead tab's Web Locks.
      locks.crash('shopfloor-replay')
      die()
    }),
    yieldToUi: () => Promise.resolve(),
  })
  return { db, engine, died }
}

function toAction(step: Extract<Step, { kind: 'act' }>, wo: WorkOrder, serial: () => string): RecordAction | null {
  const lot = wo.product.tracking === 'serial' ? serial() : wo.product.tracking === 'lot' ? `CH-${step.lot}` : undefined
  switch (step.action) {
    case 'start':
      return { type: 'workorder.start', workorderId: wo.id, payload: {} }
    case 'pause':
      return { type: 'workorder.pause', workorderId: wo.id, payload: step.qty === 1 ? { loss_reason_id: 5 } : {} }
    case 'produce':
      return { type: 'workorder.produce', workorderId: wo.id, payload: { qty: wo.product.tracking === 'serial' ? 1 : step.qty, ...(lot ? { lot_name: lot } : {}) } }
    case 'finish': {
      // What the finish dialog offers: the reported quantity, or the planned one chosen explicitly.
      const offer = finishOffer(wo)
      return offer.kind === 'refused' ? null : { type: 'workorder.finish', workorderId: wo.id, payload: finishPayload(offer, lot) }
    }
    case 'scrap':
      return { type: 'scrap.record', workorderId: wo.id, payload: { product_id: wo.product.id, qty: 1, ...(lot ? { lot_name: lot } : {}) } }
    case 'hold':
      return { type: 'quality.hold', workorderId: wo.id, payload: { reason_id: 1 } }
    case 'release': {
      const hold = wo.holds.find((h) => h.id > 0)
      return hold ? { type: 'quality.release', workorderId: wo.id, payload: { hold_id: hold.id } } : null
    }
    case 'downtime':
      return { type: 'downtime.start', workorderId: wo.id, payload: { loss_reason_id: 2 } }
    case 'uptime':
      return { type: 'downtime.end', workorderId: wo.id, payload: {} }
    default:
      throw new Error(`Unhandled step ${String(step.action)}`)
  }
}

/** A supervisor's correction of a failed event: one unit less (at least one) for a quantity, else as it was. */
function corrected(event: TerminalEvent): TerminalEvent['payload'] {
  switch (event.type) {
    case 'workorder.produce':
    case 'workorder.finish':
      return { ...event.payload, qty: Math.max(1, event.payload.qty - 1) }
    default:
      return event.payload
  }
}

/** A supervisor resolves the n-th unresolved failed event (oldest first), if there is one. */
async function resolveStep(db: ShopfloorDb, step: Extract<Step, { kind: 'resolve' }>): Promise<void> {
  const open = await db.deadLetters.filter((d) => d.resolved === 0).sortBy('seq')
  const dead = open[step.n % Math.max(open.length, 1)]
  const supervisor = await db.operators.filter((o) => o.can_release_holds).first()
  if (!dead || !supervisor) return
  try {
    if (step.how === 'discard') await discardDeadLetter(db, dead.id, 'chaos: a supervisor discarded it', { supervisorId: supervisor.id })
    else await resendDeadLetter(db, dead.id, step.how === 'resend_changed' ? corrected(dead.event) : undefined, { supervisorId: supervisor.id })
  } catch (e) {
    if (!(e instanceof ActionRefusedError)) throw e
  }
}

/** Another terminal of the same plant, on the server directly (no faults): puts and releases holds. */
async function otherTerminal(demo: DemoServer) {
  const send = async (path: string, body: unknown, token?: string) =>
    (await demo.app.inject({
      method: 'POST',
      url: `/shopfloor_terminal/v1${path}`,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: JSON.stringify(body),
    })).json<Record<string, unknown>>()
  const { token } = (await send('/pair', { pairing_code: demo.newPairingCode(), device_name: 'elsewhere', client_version: '1.0.0' })) as { token: string }
  let seq = 0
  const event = (type: string, workorderId: number, employeeId: number, payload: object) =>
    send('/events', { events: [{ id: crypto.randomUUID(), type, workorder_id: workorderId, occurred_at: new Date().toISOString(), device_seq: ++seq, employee_id: employeeId, payload }] }, token)
  return {
    async act(step: Extract<Step, { kind: 'elsewhere' }>, workorderId: number, supervisorId: number): Promise<void> {
      if (step.action === 'hold') await event('quality.hold', workorderId, supervisorId, { reason_id: 1 })
      else for (const hold of demo.workOrder(workorderId)?.holds ?? []) await event('quality.release', workorderId, supervisorId, { hold_id: hold.id })
    },
  }
}

type Resolution = Extract<Step, { kind: 'resolve' }>['how']
const resolutionArb = fc.constantFrom<Resolution>('resend', 'resend_changed', 'discard')

async function runCase(steps: Step[], schedule: Fault[], finals: Resolution[]): Promise<void> {
  let clock = 0
  // Strictly increasing server time, so applied_at orders the ledger exactly.
  const demo = await createDemoServer({ listen: false, demoWorkOrders: 12, now: () => new Date((clock = Math.max(Date.now(), clock + 1))) })
  try {
    await playCase(demo, steps, schedule, finals)
  } finally {
    await demo.close()
  }
}

/**
 * @param finals how the supervisor resolves the failed events left once the network healed, one each,
 *   oldest first; once they run out, the rest are discarded (a resend may fail again: this ends it).
 */
async function playCase(demo: DemoServer, steps: Step[], schedule: Fault[], finals: Resolution[]): Promise<void> {
  const dbName = `chaos-${Math.random()}`
  const pairing = new ShopfloorDb(dbName)
  const paired = await pairDevice(
    { db: pairing, fetch: (input, init) => inject(demo.app, input, init), storage: null, yieldToUi: () => Promise.resolve() },
    { serverUrl: 'http://demo.test', code: demo.pairingCode, deviceName: 'chaos tablet' },
  )
  const operators = await pairing.operators.toArray()
  const supervisor = operators.find((o) => o.can_release_holds) ?? operators[0]
  if (!supervisor) throw new Error('The demo plant has no operators')
  await signIn(pairing, supervisor.id)
  const workOrders = (await pairing.workOrders.toArray()).filter((r) => r.wo.state !== 'done').map((r) => r.id)
  const initialQty = new Map(workOrders.map((id) => [id, demo.workOrder(id)?.qty_produced ?? 0]))
  pairing.close()

  const elsewhere = await otherTerminal(demo)
  const net = network(demo.app, schedule)
  const locks = fakeLocks()
  let tab = openTab(dbName, net, locks)
  let serials = 0
  const sync = async (): Promise<CycleResult | 'died'> => {
    const outcome = await Promise.race([tab.engine.syncNow(), tab.died.then(() => 'died' as const)])
    if (outcome === 'died') tab = openTab(dbName, net, locks)
    return outcome
  }

  for (const step of steps) {
    if (step.kind === 'sync') {
      await sync()
      continue
    }
    if (step.kind === 'sign_in') {
      const operator = operators[step.operator % operators.length]
      if (operator) await signIn(tab.db, operator.id)
      continue
    }
    if (step.kind === 'resolve') {
      await resolveStep(tab.db, step)
      continue
    }
    if (step.kind === 'elsewhere') {
      const id = workOrders[step.wo % workOrders.length]
      if (id !== undefined) await elsewhere.act(step, id, supervisor.id)
      continue
    }
    const id = workOrders[step.wo % workOrders.length]
    const wo = id === undefined ? undefined : (await tab.db.workOrders.get(id))?.wo
    const action = wo && toAction(step, wo, () => `SN-CHAOS-${++serials}`)
    if (!action) continue
    try {
      await recordAction(tab.db, action)
    } catch (e) {
      if (!(e instanceof ActionRefusedError)) throw e
    }
  }

  net.heal()
  for (let round = 0; ; round++) {
    if (round > 30) throw new Error('The outbox did not drain after the network healed')
    await sync()
    const dead = await tab.db.deadLetters.filter((d) => d.resolved === 0).toArray()
    for (let left = dead.length; left > 0; left--) await resolveStep(tab.db, { kind: 'resolve', how: finals.shift() ?? 'discard', n: 0 })
    const pending = await tab.db.outbox.filter((r) => r.status === 'pending').count()
    if (dead.length === 0 && pending === 0) break
  }
  await sync()

  const local = await tab.db.outbox.toArray()
  const ledger = demo.ledger().filter((l) => l.terminal_id === paired.terminal.id)
  const byId = new Map(ledger.map((l) => [l.id, l]))

  // Nothing pending, nothing dead and unresolved.
  expect(local.filter((r) => r.status !== 'done' && r.status !== 'resolved')).toEqual([])
  // Every confirmed event is applied on the server; every resolved one was rejected there, and the
  // ledger shows it resolved as the supervisor did on the tablet (resent as which event, or discarded).
  const deadLetters = new Map((await tab.db.deadLetters.toArray()).map((d) => [d.id, d]))
  for (const row of local) {
    const entry = byId.get(row.id)
    if (row.status === 'done') {
      expect(entry?.status, `event ${row.seq} ${row.type}`).toBe('applied')
      continue
    }
    expect(entry?.status, `resolved event ${row.seq} ${row.type}`).toBe('rejected')
    const resolution = deadLetters.get(row.id)?.resolution
    if (resolution?.kind === 'resent') expect(entry, `resent event ${row.seq}`).toMatchObject({ resolution: 'resent', resent_as: resolution.eventId })
    else expect(entry, `discarded event ${row.seq}`).toMatchObject({ resolution: 'discarded', resolution_reason: resolution?.reason })
  }
  // Nothing on the server that this device did not record, and nothing left undecided.
  const localIds = new Set(local.map((r) => r.id))
  expect(ledger.filter((l) => !localIds.has(l.id))).toEqual([])
  expect(ledger.filter((l) => l.status === 'retry')).toEqual([])
  // Applied in device order per work order.
  const applied = ledger.filter((l) => l.status === 'applied').sort((a, b) => (a.applied_at ?? 0) - (b.applied_at ?? 0))
  for (const id of new Set(applied.map((l) => l.workorder_id))) {
    const seqs = applied.filter((l) => l.workorder_id === id).map((l) => l.device_seq ?? -1)
    expect(seqs, `device order on work order ${id}`).toEqual([...seqs].sort((a, b) => a - b))
  }
  // Exactly once: each work order's produced quantity grew by exactly what was applied, and an applied
  // finish set it to the quantity the operator confirmed on screen, never to a fallback.
  for (const id of workOrders) {
    const applied = local.filter((r) => r.status === 'done' && r.workorderId === id)
    const producedHere = applied
      .filter((r) => r.event.type === 'workorder.produce')
      .reduce((sum, r) => sum + (r.event.payload as { qty: number }).qty, 0)
    const finish = applied.find((r) => r.event.type === 'workorder.finish')?.event
    const expected = finish?.type === 'workorder.finish' ? finish.payload.qty : (initialQty.get(id) ?? 0) + producedHere
    expect(demo.workOrder(id)?.qty_produced, `qty_produced of work order ${id}`).toBeCloseTo(expected, 9)
  }
  // The device shows what the server has.
  for (const row of await tab.db.workOrders.toArray()) {
    expect(row.base).toBeNull()
    expect(row.wo, `work order ${row.id} on the device`).toEqual(demo.workOrder(row.id))
  }
  tab.db.close()
}

describe('sync engine under chaos', () => {
  it(
    'applies every recorded event exactly once, in device order, once the network heals',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(stepArb, { minLength: 1, maxLength: 30 }),
          fc.array(faultArb, { maxLength: 40 }),
          fc.array(resolutionArb, { maxLength: 4 }),
          runCase,
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      )
    },
    Math.max(120_000, RUNS * 2_000),
  )
})
