/**
 * Measures the demo backend alone through its HTTP API (no browser): a full sync of 10,000 work orders in
 * pages of 1000 and the replay of 1000 events in batches of 200, each the median of 3 runs, against a
 * database on disk as `npm start` uses. Prints figures as `name: value unit (goal …)`.
 * Run: `npx tsx bench/server-api.bench.ts` (SHOPFLOOR_BENCH_WORKORDERS changes the plant size).
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PairResponse, TerminalEvent, WorkOrder, WorkOrdersPage } from '../src/domain/contract.ts'
import { createDemoServer } from '../server/testing.ts'

// Seeded work orders: about 8 % (finished long ago, cancelled) never reach a terminal, so 10,850
// seeded gives 10,000+ synced.
const WORK_ORDERS = Number(process.env.SHOPFLOOR_BENCH_WORKORDERS ?? 10_850)
const RUNS = 3
const EVENTS = 1000
const BATCH = 200

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shopfloor-bench-'))
  let started = performance.now()
  const server = await createDemoServer({ dataDir, demoWorkOrders: WORK_ORDERS })
  console.info(`seed + start: ${Math.round(performance.now() - started)} ms (no goal; ${WORK_ORDERS} work orders on disk)`)
  const api = `${server.baseUrl}/shopfloor_terminal/v1`
  const pair = (await (
    await fetch(`${api}/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pairing_code: server.pairingCode, device_name: 'bench', client_version: '1.0.0' }),
    })
  ).json()) as PairResponse
  const headers = { authorization: `Bearer ${pair.token}`, 'content-type': 'application/json' }

  async function fullSync(): Promise<{ items: WorkOrder[]; ms: number; cpuMs: number; bytes: number }> {
    const cpu = process.cpuUsage()
    started = performance.now()
    const items: WorkOrder[] = []
    let cursor = ''
    let bytes = 0
    for (;;) {
      const text = await (await fetch(`${api}/workorders?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers })).text()
      bytes += text.length
      const page = JSON.parse(text) as WorkOrdersPage
      items.push(...page.items)
      if (!page.has_more) break
      cursor = page.next_cursor
    }
    const used = process.cpuUsage(cpu)
    return { items, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, bytes }
  }

  const syncs = []
  for (let run = 0; run < RUNS; run++) syncs.push(await fullSync())
  const items = syncs[0]?.items ?? []
  console.info(
    `full sync via API: ${Math.round(median(syncs.map((s) => s.ms)))} ms (goal ≤ 3000 ms end to end incl. the browser; ` +
      `${items.length} work orders, ${((syncs[0]?.bytes ?? 0) / 1e6).toFixed(1)} MB, process CPU ${Math.round(median(syncs.map((s) => s.cpuMs)))} ms)`,
  )

  const open = items.filter((wo) => (wo.state === 'ready' || wo.state === 'progress') && !wo.is_blocked && wo.product.tracking === 'none')
  let seq = 0
  const rates: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const events: TerminalEvent[] = []
    for (let i = 0; events.length < EVENTS; i++) {
      const wo = open[(i + run * 97) % open.length] as WorkOrder
      const base = { workorder_id: wo.id, occurred_at: new Date().toISOString(), employee_id: 9 }
      events.push({ ...base, id: randomUUID(), device_seq: ++seq, type: (i + run) % 2 ? 'workorder.pause' : 'workorder.start', payload: {} })
      events.push({ ...base, id: randomUUID(), device_seq: ++seq, type: 'scrap.record', payload: { product_id: wo.product.id, qty: 1, reason_id: 1 } })
    }
    started = performance.now()
    for (let i = 0; i < EVENTS; i += BATCH) {
      const response = await fetch(`${api}/events`, { method: 'POST', headers, body: JSON.stringify({ events: events.slice(i, i + BATCH) }) })
      const body = (await response.json()) as { results: { status: string }[] }
      const notApplied = body.results.filter((r) => r.status !== 'applied')
      if (notApplied.length > 0) throw new Error(`bench events were not applied: ${JSON.stringify(notApplied[0])}`)
    }
    rates.push(EVENTS / ((performance.now() - started) / 1000))
  }
  console.info(`event replay via API: ${Math.round(median(rates))} events/s (goal ≥ 500 events/s; ${EVENTS} events in batches of ${BATCH})`)
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
}

await main()
