import type { FastifyInstance } from 'fastify'
import { API_BASE_PATH, MAX_BATCH, type DecisionsResponse, type EventsResponse, type LedgerEntry } from '../../src/domain/contract.ts'
import { toIso, toIsoOrNull } from '../db/time.ts'
import { terminalOf } from '../http/auth.ts'
import { ApiError } from '../http/errors.ts'
import type { BatchEvent } from '../ingest/ingest-batch.ts'
import { batchClock } from '../ingest/event-time.ts'
import { isProblem, isUuid } from '../ingest/validate-event.ts'
import type { Services } from '../services.ts'

// Only the envelope is checked by schema: what is wrong inside one event rejects that event, not the batch.
const batchBody = {
  type: 'object',
  required: ['events'],
  properties: { events: { type: 'array', minItems: 1, items: { type: 'object' } }, sent_at: {} },
} as const

/** The batch's events once every one has a UUID id; else 400 naming the first bad one. */
function addressableEvents(events: readonly Record<string, unknown>[]): BatchEvent[] {
  if (events.length > MAX_BATCH) {
    throw new ApiError('batch_too_large', `A batch holds at most ${MAX_BATCH} events, this one ${events.length}: split it.`, {
      max_batch: MAX_BATCH,
    })
  }
  events.forEach((event, index) => {
    if (!isUuid(event.id)) {
      throw new ApiError('invalid_request', `events[${index}].id must be a UUID: no result can be given without one.`, {
        field: `events[${index}].id`,
        reason: 'must be a UUID',
      })
    }
  })
  return events as BatchEvent[]
}

/**
 * POST /events (the ingest), GET /events/:id (the ledger entry, for reconciliation) and GET /decisions (what
 * the office decided on the terminal's rejected events, for the tablet to carry out).
 */
export function registerEventRoutes(app: FastifyInstance, services: Services): void {
  app.post<{ Body: { events: Record<string, unknown>[]; sent_at?: unknown } }>(
    `${API_BASE_PATH}/events`,
    { schema: { body: batchBody } },
    async (request): Promise<EventsResponse> => {
      const clock = batchClock(request.body.sent_at, services.now())
      if (isProblem(clock)) throw new ApiError('invalid_request', `The batch's ${clock.field} ${clock.reason}.`, { ...clock })
      const events = addressableEvents(request.body.events)
      return { results: services.ingest.ingest(terminalOf(request), events, request.id, clock), server_time: toIso(clock.receivedAt) }
    },
  )

  app.get<{ Params: { id: string } }>(`${API_BASE_PATH}/events/:id`, async (request): Promise<{ event: LedgerEntry }> => {
    const id = request.params.id
    if (!isUuid(id)) throw new ApiError('invalid_request', 'The event id must be a UUID.', { field: 'id', reason: 'must be a UUID' })
    const entry = services.ledger.get(id.toLowerCase())
    if (!entry || entry.terminal_id !== terminalOf(request).id) {
      throw new ApiError('not_found', `This terminal never sent event ${id}.`)
    }
    return {
      event: {
        id: entry.id,
        type: entry.type,
        workorder_id: entry.workorder_id,
        device_seq: entry.device_seq,
        status: entry.status,
        error: entry.error,
        correlation_id: entry.correlation_id,
        received_at: toIso(entry.received_at),
        applied_at: toIsoOrNull(entry.applied_at),
        occurred_at: toIsoOrNull(entry.occurred_at),
        occurred_at_server: toIsoOrNull(entry.occurred_at_server),
        clock_jump_ms: entry.clock_jump_ms,
        workorder: entry.status === 'applied' && entry.workorder_id !== null ? services.workOrders.one(entry.workorder_id) : null,
        resend_of: entry.resend_of,
        resolution: entry.resolution,
        resolved_at: toIsoOrNull(entry.resolved_at),
      },
    }
  })

  app.get(`${API_BASE_PATH}/decisions`, async (request): Promise<DecisionsResponse> => ({
    decisions: services.ledger.decisions(terminalOf(request).id).map((row) => ({
      event_id: row.id,
      action: row.decision ?? 'discard',
      decided_by: row.decided_by ?? '',
      decided_at: toIso(row.decided_at ?? row.received_at),
      note: row.decision_note,
    })),
  }))
}
