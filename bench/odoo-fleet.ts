/**
 * Odoo fleet benchmark: T terminals reconnect at once after an outage, each with E start/pause events
 * queued, against a live Odoo with the shopfloor_terminal addon (serve it with `--workers N`, as plants
 * do). Each terminal drains its queue as the app does (src/sync/push.ts): batches of up to 200 events in
 * `device_seq` order; what answers `retry` stays queued, later events of its work order wait behind it,
 * and the next pass comes after the app's backoff with full jitter (src/sync/backoff.ts).
 *
 * Terminals share work centers (BENCH_WORKCENTERS), so their timers meet on Odoo's hot rows as on a real
 * floor. It prints the events applied per second (from the first request to the last settled event), the
 * share of `retry` results among all results, the ERROR lines the run added to the Odoo log (ODOO_LOG), and
 * checks that every event was applied exactly once (the ledger, and one time line per start). It sets up
 * its own work centers, product, orders and terminals, and archives them when it is done.
 *
 * Run: ODOO_URL=http://127.0.0.1:8304 ODOO_DB=<db> ODOO_LOG=<odoo log file> npx tsx bench/odoo-fleet.ts
 * Env: the target as in bench/odoo-client.ts; ODOO_API_KEY (an admin API key; else one is made for the run)
 *      BENCH_TERMINALS [25]  BENCH_EVENTS [300] per terminal  BENCH_WORKCENTERS [5]
 *      BENCH_WORKORDERS [2] per terminal
 */
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { MAX_BATCH, type EventResult, type TerminalEvent } from '../src/domain/contract.ts'
import { backoffDelay } from '../src/sync/backoff.ts'
import { API, expectOk, Json2, ODOO_DB, ODOO_URL, OdooBenchError, pair, withJson2 } from './odoo-client.ts'

const TERMINALS = Number(process.env.BENCH_TERMINALS ?? 25)
const EVENTS = Number(process.env.BENCH_EVENTS ?? 300)
const WORKCENTERS = Number(process.env.BENCH_WORKCENTERS ?? 5)
const WORKORDERS = Number(process.env.BENCH_WORKORDERS ?? 2)
const ODOO_LOG = process.env.ODOO_LOG
const GOAL_RATE = 500
const GOAL_RETRY_SHARE = 0.05

interface FleetTerminal {
  id: number
  token: string
  workorderIds: number[]
}

interface Plant {
  terminals: FleetTerminal[]
  tearDown: () => Promise<void>
}

/** Work centers, one routing per work center, T terminals spread over them, each with its own orders. */
async function setUpPlant(json2: Json2, tag: string): Promise<Plant> {
  const workcenterIds: number[] = []
  for (let w = 0; w < WORKCENTERS; w += 1) {
    workcenterIds.push(await json2.create('mrp.workcenter', { name: `Fleet ${w + 1} ${tag}`, code: `FL${w + 1}` }))
  }
  const productId = await json2.create('product.product', { name: `Fleet part ${tag}` })
  const [product] = await json2.call<{ product_tmpl_id: [number, string] }[]>('product.product', 'read', {
    ids: [productId],
    fields: ['product_tmpl_id'],
  })
  if (!product) throw new OdooBenchError('the fleet product cannot be read')
  const bomIds = await json2.call<number[]>('mrp.bom', 'create', {
    vals_list: workcenterIds.map((workcenterId) => ({
      product_tmpl_id: product.product_tmpl_id[0],
      operation_ids: [[0, 0, { name: 'Fleet operation', workcenter_id: workcenterId, time_cycle_manual: 60 }]],
    })),
  })
  const workcenterOf = (t: number) => t % WORKCENTERS
  const productionIds = await json2.call<number[]>('mrp.production', 'create', {
    vals_list: Array.from({ length: TERMINALS * WORKORDERS }, (_unused, i) => ({
      product_id: productId,
      bom_id: bomIds[workcenterOf(Math.floor(i / WORKORDERS))],
      product_qty: 10,
    })),
  })
  await json2.call('mrp.production', 'action_confirm', { ids: productionIds })
  const workorders = await json2.call<{ id: number; production_id: [number, string] }[]>('mrp.workorder', 'search_read', {
    domain: [['production_id', 'in', productionIds]],
    fields: ['production_id'],
  })
  const workorderOf = new Map(workorders.map((wo) => [wo.production_id[0], wo.id]))
  const terminalIds = await json2.call<number[]>('shopfloor.terminal', 'create', {
    vals_list: Array.from({ length: TERMINALS }, (_unused, t) => ({
      name: `Fleet tablet ${t + 1} ${tag}`,
      workcenter_ids: [[6, 0, [workcenterIds[workcenterOf(t)]]]],
      require_operator: false,
    })),
  })
  const terminals: FleetTerminal[] = []
  for (const [t, id] of terminalIds.entries()) {
    const code = await json2.call<string>('shopfloor.terminal', 'generate_pairing_code', { ids: [id] })
    const ids = productionIds.slice(t * WORKORDERS, (t + 1) * WORKORDERS).map((productionId) => workorderOf.get(productionId))
    if (ids.some((workorderId) => workorderId === undefined)) throw new OdooBenchError('a fleet order has no work order')
    terminals.push({ id, token: await pair(code, `fleet tablet ${t + 1}`), workorderIds: ids as number[] })
  }
  return {
    terminals,
    // no active fleet terminal, order or work center is left behind
    tearDown: async () => {
      await json2.call('mrp.production', 'action_cancel', { ids: productionIds })
      await json2.call('shopfloor.terminal', 'action_revoke', { ids: terminalIds })
      await json2.call('shopfloor.terminal', 'write', { ids: terminalIds, vals: { active: false } })
      await json2.call('mrp.workcenter', 'write', { ids: workcenterIds, vals: { active: false } })
    },
  }
}

/** A terminal's queue after an outage: start/pause in turn on each of its work orders, one a second. */
function queuedEvents(terminal: FleetTerminal): TerminalEvent[] {
  const start = Date.now() - EVENTS * 1000
  return Array.from({ length: EVENTS }, (_unused, i) => {
    const round = Math.floor(i / terminal.workorderIds.length)
    return {
      id: randomUUID(),
      type: round % 2 === 0 ? 'workorder.start' : 'workorder.pause',
      workorder_id: terminal.workorderIds[i % terminal.workorderIds.length] as number,
      occurred_at: new Date(start + i * 1000).toISOString(),
      device_seq: i + 1,
      employee_id: null,
      payload: {},
    } as TerminalEvent
  })
}

interface DrainStats {
  results: number
  retries: number
}

/** Sends the queue as the app does until every event is settled; a refusal ends the benchmark. */
async function drain(terminal: FleetTerminal, queue: TerminalEvent[], stats: DrainStats): Promise<void> {
  let pending = queue
  let failures = 0
  while (pending.length) {
    const held = new Set<number>()
    const stillPending: TerminalEvent[] = []
    let offset = 0
    while (offset < pending.length) {
      const batch: TerminalEvent[] = []
      while (offset < pending.length && batch.length < MAX_BATCH) {
        const event = pending[offset] as TerminalEvent
        offset += 1
        // a later event of a work order never overtakes an unsettled earlier one
        if (held.has(event.workorder_id)) stillPending.push(event)
        else batch.push(event)
      }
      if (!batch.length) continue
      const response = await fetch(`${API}/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${terminal.token}`, 'X-Terminal-Client': '1.0.0' },
        body: JSON.stringify({ events: batch }),
      })
      const { results } = (await expectOk(response, 'events')) as { results: EventResult[] }
      for (const [index, result] of results.entries()) {
        const event = batch[index] as TerminalEvent
        stats.results += 1
        if (result.status === 'retry') {
          stats.retries += 1
          held.add(event.workorder_id)
          stillPending.push(event)
        } else if (result.status !== 'applied' && result.status !== 'duplicate') {
          throw new OdooBenchError(`event ${event.id} (${event.type}) was ${result.status}: ${JSON.stringify(result)}`)
        }
      }
    }
    pending = stillPending.sort((a, b) => a.device_seq - b.device_seq)
    failures = pending.length ? failures + 1 : 0
    if (pending.length) await new Promise((resolve) => setTimeout(resolve, backoffDelay(failures, Math.random)))
  }
}

/** ERROR and CRITICAL lines Odoo wrote to its log since `offset` (bytes). */
function errorLinesSince(offset: number): string[] {
  if (!ODOO_LOG) return []
  const added = readFileSync(ODOO_LOG).subarray(offset).toString('utf8')
  return added.split('\n').filter((line) => / (ERROR|CRITICAL) /.test(line))
}

/** Every event applied exactly once: one ledger row each, and one time line per start. */
async function checkAppliedOnce(json2: Json2, plant: Plant, queues: TerminalEvent[][]): Promise<void> {
  const terminalIds = plant.terminals.map((t) => t.id)
  const applied = await json2.call<number>('shopfloor.terminal.event', 'search_count', {
    domain: [['terminal_id', 'in', terminalIds], ['status', '=', 'applied']],
  })
  const workorderIds = plant.terminals.flatMap((t) => t.workorderIds)
  const lines = await json2.call<number>('mrp.workcenter.productivity', 'search_count', {
    domain: [['workorder_id', 'in', workorderIds]],
  })
  const starts = queues.flat().filter((event) => event.type === 'workorder.start').length
  if (applied !== TERMINALS * EVENTS || lines !== starts) {
    throw new OdooBenchError(`expected ${TERMINALS * EVENTS} events applied and ${starts} time lines, Odoo has ${applied} and ${lines}`)
  }
}

async function main(): Promise<void> {
  if (ODOO_LOG && !existsSync(ODOO_LOG)) throw new OdooBenchError(`ODOO_LOG ${ODOO_LOG} does not exist`)
  await withJson2(async (json2, cleanups) => {
    const plant = await setUpPlant(json2, new Date().toISOString())
    cleanups.push(plant.tearDown)
    const queues = plant.terminals.map(queuedEvents)
    const logOffset = ODOO_LOG ? statSync(ODOO_LOG).size : 0
    const stats: DrainStats = { results: 0, retries: 0 }
    const started = performance.now()
    await Promise.all(plant.terminals.map((terminal, t) => drain(terminal, queues[t] as TerminalEvent[], stats)))
    const seconds = (performance.now() - started) / 1000
    const errors = errorLinesSince(logOffset)
    await checkAppliedOnce(json2, plant, queues)

    const rate = (TERMINALS * EVENTS) / seconds
    const retryShare = stats.retries / stats.results
    console.info(
      `Odoo fleet against ${ODOO_URL} (db ${ODOO_DB}): ${TERMINALS} terminals × ${EVENTS} start/pause events at once, ` +
        `${WORKCENTERS} work centers; every event applied once (${stats.results} results in ${seconds.toFixed(1)} s)`,
    )
    console.info(`odoo fleet rate: ${rate.toFixed(0)} events/s (goal ≥ ${GOAL_RATE}${rate >= GOAL_RATE ? '' : ', NOT MET'})`)
    console.info(
      `odoo fleet retry share: ${(retryShare * 100).toFixed(1)} % (goal ≤ ${GOAL_RETRY_SHARE * 100} %${retryShare <= GOAL_RETRY_SHARE ? '' : ', NOT MET'})`,
    )
    if (ODOO_LOG) {
      console.info(`odoo fleet ERROR lines in the Odoo log: ${errors.length} lines (goal 0${errors.length ? ', NOT MET' : ''})`)
      for (const line of errors.slice(0, 5)) console.info(`  ${line.slice(0, 300)}`)
    } else {
      console.info('odoo fleet ERROR lines: not counted (set ODOO_LOG to the Odoo log file)')
    }
  })
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error)
  process.exit(1)
})
