/**
 * Odoo replay benchmark: the same N start/pause actions on a work order, sent to a live Odoo with
 * the shopfloor_terminal addon in two ways, on the same server in the same run:
 *
 *  (a) naive: one JSON-2 call per action (`POST /json/2/mrp.workorder/button_start` / `button_pending`
 *      with an API key), what a terminal without the addon would do;
 *  (b) batched: the same actions as terminal events through `POST /shopfloor_terminal/v1/events`, up to
 *      200 per request, each one decided against the ledger (idempotency, content hash) and applied in
 *      its own savepoint with its `occurred_at` on the time lines.
 *
 * It prints both rates (actions per second) and their ratio; the goal is batch >= 5x naive. The two
 * paths alternate over BENCH_ROUNDS rounds so that load from other processes hits both alike. It sets up
 * its own product, routing and two confirmed manufacturing orders (one per path), at a work center and
 * terminal of its own (or at the first work center of the terminal ODOO_PAIRING_CODE pairs), so it
 * needs no demo data, and it archives what it made when it is done.
 *
 * Run: npx tsx bench/odoo-replay.ts
 * Env: ODOO_URL [http://127.0.0.1:8069]  ODOO_DB [lab]  ODOO_LOGIN [admin]  ODOO_PASSWORD [admin]
 *      ODOO_API_KEY (an admin API key; else one is made for the run and removed after)
 *      ODOO_PAIRING_CODE (pair an existing terminal instead of the bench terminal)
 *      BENCH_ACTIONS [200] per path and round  BENCH_BATCH [200]  BENCH_ROUNDS [3]
 */
import { randomUUID } from 'node:crypto'
import { API, expectOk, Json2, ODOO_DB, ODOO_URL, OdooBenchError, pair, withJson2 } from './odoo-client.ts'

const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 200)
const BATCH = Math.min(Number(process.env.BENCH_BATCH ?? 200), 200)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const WARMUP_ACTIONS = 4
const GOAL_RATIO = 5

/** The terminal the events are sent as, on the work center the bench orders run at. */
interface BenchTerminal {
  token: string
  workcenterId: number
  employeeId: number | null
  tearDown: () => Promise<void>
}

/**
 * With ODOO_PAIRING_CODE, pairs that terminal and works at its first work center; otherwise makes a
 * work center and a bench terminal for the run, paired through `generate_pairing_code`.
 */
async function benchTerminal(json2: Json2, tag: string): Promise<BenchTerminal> {
  const given = process.env.ODOO_PAIRING_CODE
  if (given) {
    const token = await pair(given, 'odoo-replay bench')
    const response = await fetch(`${API}/bootstrap`, { headers: { Authorization: `Bearer ${token}`, 'X-Terminal-Client': '1.0.0' } })
    const boot = (await expectOk(response, 'bootstrap')) as {
      terminal: { work_center_ids: number[]; settings: { require_operator: boolean } }
      operators: { id: number }[]
    }
    const workcenterId = boot.terminal.work_center_ids[0]
    if (workcenterId === undefined) throw new OdooBenchError('the paired terminal has no work center')
    const employeeId = boot.terminal.settings.require_operator ? (boot.operators[0]?.id ?? null) : null
    return { token, workcenterId, employeeId, tearDown: async () => {} }
  }
  const workcenterId = await json2.create('mrp.workcenter', { name: `Bench ${tag}`, code: 'BENCH' })
  const terminalId = await json2.create('shopfloor.terminal', {
    name: `Bench terminal ${tag}`,
    workcenter_ids: [[6, 0, [workcenterId]]],
    require_operator: false,
  })
  const code = await json2.call<string>('shopfloor.terminal', 'generate_pairing_code', { ids: [terminalId] })
  return {
    token: await pair(code, 'odoo-replay bench'),
    workcenterId,
    employeeId: null,
    // no active bench terminal or work center is left behind
    tearDown: async () => {
      await json2.call('shopfloor.terminal', 'action_revoke', { ids: [terminalId] })
      await json2.call('shopfloor.terminal', 'write', { ids: [terminalId], vals: { active: false } })
      await json2.call('mrp.workcenter', 'write', { ids: [workcenterId], vals: { active: false } })
    },
  }
}

interface BenchOrders {
  naiveWorkorderId: number
  batchWorkorderId: number
  tearDown: () => Promise<void>
}

/** A routing with one operation at the work center, and two confirmed orders: one per path. */
async function benchOrders(json2: Json2, workcenterId: number, tag: string): Promise<BenchOrders> {
  const productId = await json2.create('product.product', { name: `Bench part ${tag}` })
  const [product] = await json2.call<{ product_tmpl_id: [number, string] }[]>('product.product', 'read', {
    ids: [productId],
    fields: ['product_tmpl_id'],
  })
  if (!product) throw new OdooBenchError('the bench product cannot be read')
  const bomId = await json2.create('mrp.bom', {
    product_tmpl_id: product.product_tmpl_id[0],
    operation_ids: [[0, 0, { name: 'Bench operation', workcenter_id: workcenterId, time_cycle_manual: 60 }]],
  })
  const productionIds: number[] = []
  const workorderOf = async (): Promise<number> => {
    const productionId = await json2.create('mrp.production', { product_id: productId, bom_id: bomId, product_qty: 10 })
    productionIds.push(productionId)
    await json2.call('mrp.production', 'action_confirm', { ids: [productionId] })
    const [workorderId] = await json2.call<number[]>('mrp.workorder', 'search', { domain: [['production_id', '=', productionId]] })
    if (workorderId === undefined) throw new OdooBenchError('the bench order has no work order')
    return workorderId
  }
  return {
    naiveWorkorderId: await workorderOf(),
    batchWorkorderId: await workorderOf(),
    tearDown: async () => {
      await json2.call('mrp.production', 'action_cancel', { ids: productionIds })
    },
  }
}

/** (a) One JSON-2 call per action, waiting for each answer, as a naive terminal would. */
async function naiveActions(json2: Json2, workorderId: number, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await json2.call('mrp.workorder', i % 2 === 0 ? 'button_start' : 'button_pending', { ids: [workorderId] })
  }
}

interface EventResult {
  status: string
  error?: { code: string; message: string }
}

/** (b) The same actions as events, `BATCH` per request; every one must be applied. */
async function batchedActions(terminal: BenchTerminal, workorderId: number, count: number, firstSeq: number): Promise<void> {
  // occurred_at: one action a second, ending now, as if replayed after a stretch offline
  const start = Date.now() - count * 1000
  const events = Array.from({ length: count }, (_unused, i) => ({
    id: randomUUID(),
    type: i % 2 === 0 ? 'workorder.start' : 'workorder.pause',
    workorder_id: workorderId,
    occurred_at: new Date(start + i * 1000).toISOString(),
    device_seq: firstSeq + i,
    employee_id: terminal.employeeId,
    payload: {},
  }))
  for (let offset = 0; offset < events.length; offset += BATCH) {
    const response = await fetch(`${API}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${terminal.token}`, 'X-Terminal-Client': '1.0.0' },
      body: JSON.stringify({ events: events.slice(offset, offset + BATCH) }),
    })
    const body = (await expectOk(response, 'events')) as { results: EventResult[] }
    const refused = body.results.find((result) => result.status !== 'applied')
    if (refused) throw new OdooBenchError(`an event was not applied: ${JSON.stringify(refused)}`)
  }
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now()
  await run()
  return (performance.now() - started) / 1000
}

async function main(): Promise<void> {
  await withJson2(async (json2, cleanups) => {
    const tag = new Date().toISOString()
    const terminal = await benchTerminal(json2, tag)
    cleanups.push(terminal.tearDown)
    const orders = await benchOrders(json2, terminal.workcenterId, tag)
    cleanups.push(orders.tearDown)

    // warm both paths (routing map, caches) before the clock starts
    await naiveActions(json2, orders.naiveWorkorderId, WARMUP_ACTIONS)
    await batchedActions(terminal, orders.batchWorkorderId, WARMUP_ACTIONS, 1)

    let naiveSeconds = 0
    let batchSeconds = 0
    for (let round = 0; round < ROUNDS; round += 1) {
      naiveSeconds += await timed(() => naiveActions(json2, orders.naiveWorkorderId, ACTIONS))
      batchSeconds += await timed(() =>
        batchedActions(terminal, orders.batchWorkorderId, ACTIONS, WARMUP_ACTIONS + 1 + round * ACTIONS),
      )
    }
    const total = ACTIONS * ROUNDS
    const naiveRate = total / naiveSeconds
    const batchRate = total / batchSeconds
    const ratio = batchRate / naiveRate
    console.info(`Odoo replay against ${ODOO_URL} (db ${ODOO_DB}): ${ROUNDS} rounds of ${ACTIONS} start/pause actions per path`)
    console.info(`odoo replay naive JSON-2 (one call per action): ${naiveRate.toFixed(1)} actions/s (no goal; ${naiveSeconds.toFixed(2)} s)`)
    console.info(`odoo replay events in batches of ${BATCH}: ${batchRate.toFixed(1)} actions/s (no goal; ${batchSeconds.toFixed(2)} s)`)
    console.info(`odoo replay batch/naive: ${ratio.toFixed(1)} x (goal ≥ ${GOAL_RATIO} x${ratio >= GOAL_RATIO ? '' : ', NOT MET'})`)
  })
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error)
  process.exit(1)
})
