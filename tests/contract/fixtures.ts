import { randomUUID } from 'node:crypto'
import { expect, inject, type TestContext } from 'vitest'
import type {
  Bootstrap,
  ErrorBody,
  EventPayloads,
  EventResult,
  EventsResponse,
  EventType,
  TerminalEvent,
  WorkOrder,
  WorkOrdersPage,
} from '../../src/domain/contract.ts'
import { ContractClient, type ApiResponse } from './client.ts'
import './target.ts'

/** The server under test. */
export const target = inject('contract')

/** The suite's terminal. */
export const api = new ContractClient(target.baseUrl, target.token)

let cachedBootstrap: Promise<Bootstrap> | undefined

/** The suite terminal's bootstrap (fetched once per file). */
export function bootstrap(): Promise<Bootstrap> {
  cachedBootstrap ??= api.get<Bootstrap>('/bootstrap').then((response) => {
    expect(response.status).toBe(200)
    return response.body
  })
  return cachedBootstrap
}

/** Every work order of the terminal, by a full sync in pages of 1000. */
export async function allWorkOrders(): Promise<WorkOrder[]> {
  const items: WorkOrder[] = []
  let cursor = ''
  for (;;) {
    const response = await api.get<WorkOrdersPage>(`/workorders?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    expect(response.status).toBe(200)
    items.push(...response.body.items)
    if (!response.body.has_more) return items
    cursor = response.body.next_cursor
  }
}

/** One work order as the server shows it now (by a full sync: the contract has no single-record read). */
export async function currentWorkOrder(id: number): Promise<WorkOrder | undefined> {
  return (await allWorkOrders()).find((wo) => wo.id === id)
}

/**
 * Free to work on: ready or in progress, nothing stops it (hold, downtime), an untracked product (no lot
 * needed), and room for two more units within the planned quantity.
 */
export function isWorkable(wo: WorkOrder): boolean {
  return (
    (wo.state === 'ready' || wo.state === 'progress') &&
    !wo.is_blocked &&
    wo.holds.length === 0 &&
    wo.product.tracking === 'none' &&
    wo.qty_production - wo.qty_produced >= 2
  )
}

/** Workable and not running, so a start changes it. */
export function isIdle(wo: WorkOrder): boolean {
  return isWorkable(wo) && !wo.is_running
}

const claimed = new Set<number>()

/**
 * A work order matching `predicate` that no other test of this file took, or skips the test saying what the
 * server lacks. Tests that change a work order claim a fresh one, so the suite assumes no particular data.
 */
export async function claimWorkOrder(
  ctx: TestContext,
  predicate: (wo: WorkOrder) => boolean = isIdle,
  what = 'that is open, idle, not held and untracked',
): Promise<WorkOrder> {
  const found = (await allWorkOrders()).find((wo) => predicate(wo) && !claimed.has(wo.id))
  if (!found) return ctx.skip(`the server has no work order ${what}`)
  claimed.add(found.id)
  return found
}

/** An operator to sign events with (one without the right to release holds when there is one), or null. */
export async function operatorId(ctx: TestContext, supervisor = false): Promise<number | null> {
  const boot = await bootstrap()
  const pick = boot.operators.find((op) => op.can_release_holds === supervisor) ?? (supervisor ? undefined : boot.operators[0])
  if (pick) return pick.id
  if (supervisor) return ctx.skip('the server has no operator allowed to release holds')
  if (boot.terminal.settings.require_operator) return ctx.skip('the terminal requires an operator but bootstrap lists none')
  return null
}

/**
 * An operator whose time only the calling test records, for tests that date events back or watch what a start
 * changes: one operator's time lines never overlap (a start elsewhere closes their running line, a start inside
 * or before their other time is `operator_time_overlap`), so such a test needs an operator no other test used.
 * `slot` (1, 2, …) is unique across the suite and counts from the end of the operators, leaving out the two
 * `operatorId` hands out.
 */
export async function ownOperatorId(ctx: TestContext, slot: number): Promise<number | null> {
  const boot = await bootstrap()
  const shared = [boot.operators.find((op) => !op.can_release_holds), boot.operators.find((op) => op.can_release_holds)]
  const own = boot.operators.filter((op) => !shared.includes(op))
  const pick = own[own.length - slot]
  if (slot >= 1 && pick) return pick.id
  if (!boot.terminal.settings.require_operator) return null
  return ctx.skip(`the terminal lists fewer than ${slot} operators besides the two shared ones`)
}

/**
 * Skips a test whose operator already has time at the hours it dates its events at (an earlier run of the
 * suite against the same server, within those hours).
 */
export function skipIfOperatorTimeTaken(ctx: TestContext, results: readonly EventResult[]): void {
  if (results.some((r) => 'error' in r && r.error.code === 'operator_time_overlap')) {
    ctx.skip("the operator already has time at the hours this test dates its events at (an earlier run's)")
  }
}

/** A reason id from bootstrap, or skips. */
export async function reasonId(ctx: TestContext, kind: 'hold_reasons' | 'scrap_reasons' | 'loss_reasons'): Promise<number> {
  const reason = (await bootstrap())[kind][0]
  return reason ? reason.id : ctx.skip(`bootstrap lists no ${kind}`)
}

let deviceSeq = Date.now()

/** ISO time `minutesAgo` before now. */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString()
}

/** A new event with a fresh UUID and the next device_seq. */
export function newEvent<T extends EventType>(
  type: T,
  workorderId: number,
  payload: EventPayloads[T],
  options: { employeeId: number | null; occurredAt?: string },
): TerminalEvent {
  deviceSeq += 1
  return {
    id: randomUUID(),
    type,
    workorder_id: workorderId,
    occurred_at: options.occurredAt ?? new Date().toISOString(),
    device_seq: deviceSeq,
    employee_id: options.employeeId,
    payload,
  } as TerminalEvent
}

/** POSTs a batch and expects 200 with one result per event. */
export async function sendEvents(events: readonly unknown[], headers?: Record<string, string>): Promise<EventResult[]> {
  const response = await api.post<EventsResponse>('/events', { events }, { headers })
  expect(response.status, response.text).toBe(200)
  expect(response.body.results).toHaveLength(events.length)
  return response.body.results
}

/**
 * Skips a test that dates events hours back when the server refused them as older than the work order
 * itself (Odoo's `occurred_before_workorder`): the test needs a work order created before those times.
 */
export function skipIfWorkOrderTooYoung(ctx: TestContext, results: readonly EventResult[]): void {
  if (results.some((r) => 'error' in r && r.error.code === 'occurred_before_workorder')) {
    ctx.skip('the work order was created after the times this test dates its events at')
  }
}

/** POSTs one event (well-formed or not) and returns its result. */
export async function sendEvent(event: object): Promise<EventResult> {
  const [result] = await sendEvents([event])
  return result as EventResult
}

/** The work order of an applied or duplicate result (fails the test otherwise, or when it carries none). */
export function appliedWorkOrder(result: EventResult): WorkOrder {
  if ('error' in result) throw new Error(`expected the event to apply, got ${result.status}: ${JSON.stringify(result.error)}`)
  if (result.workorder === null) throw new Error(`expected event ${result.id} to carry its work order, got null`)
  return result.workorder
}

/** Asserts the error envelope: status, code, a message, and the correlation id of the response header. */
export function expectError(response: ApiResponse<unknown>, status: number, code: string): ErrorBody['error'] {
  expect(response.status, response.text).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  const body = response.body as ErrorBody
  expect(body.error.code).toBe(code)
  expect(typeof body.error.message).toBe('string')
  expect(body.error.message.length).toBeGreaterThan(0)
  expect(body.error.correlation_id).toBe(response.headers.get('x-correlation-id'))
  return body.error
}
