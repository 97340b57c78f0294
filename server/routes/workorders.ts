import type { FastifyInstance } from 'fastify'
import { API_BASE_PATH, type WorkOrdersPage } from '../../src/domain/contract.ts'
import { DAY_MS } from '../db/time.ts'
import { terminalOf } from '../http/auth.ts'
import { ApiError } from '../http/errors.ts'
import type { Services } from '../services.ts'
import { decodeCursor, encodeCursor, type Cursor } from '../sync/cursor.ts'

/** Work orders per page unless the terminal asks otherwise. */
export const DEFAULT_PAGE = 500
/** The largest page a terminal may ask for. */
export const MAX_PAGE = 1000
/** How long a cursor stays valid. */
export const CURSOR_LIFETIME_MS = 30 * DAY_MS

const querystring = {
  type: 'object',
  properties: {
    cursor: { type: 'string', maxLength: 512 },
    limit: { type: 'string', maxLength: 12 },
  },
} as const

function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PAGE
  const limit = /^\d+$/.test(text) ? Number(text) : NaN
  if (!(limit >= 1 && limit <= MAX_PAGE)) {
    throw new ApiError('invalid_request', `limit must be an integer from 1 to ${MAX_PAGE}.`, {
      field: 'limit',
      reason: `must be an integer from 1 to ${MAX_PAGE}`,
    })
  }
  return limit
}

/** GET /workorders: full sync without a cursor, delta sync with one (see db/workorder-feed.ts). */
export function registerWorkOrderRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Querystring: { cursor?: string; limit?: string } }>(
    `${API_BASE_PATH}/workorders`,
    { schema: { querystring } },
    async (request): Promise<WorkOrdersPage> => {
      const terminal = terminalOf(request)
      const limit = parseLimit(request.query.limit)
      const nowMs = services.now()
      const headSeq = services.changes.current()
      let cursor: Cursor | null = null
      if (request.query.cursor !== undefined && request.query.cursor !== '') {
        cursor = decodeCursor(request.query.cursor)
        const usable =
          cursor !== null &&
          cursor.db === services.instance &&
          cursor.terminalId === terminal.id &&
          cursor.issuedAt >= nowMs - CURSOR_LIFETIME_MS &&
          cursor.seq <= headSeq
        if (!usable) throw new ApiError('cursor_expired', 'The cursor is expired or not readable: start a full sync (no cursor).')
      }
      const full = cursor === null || cursor.full
      const page = services.feed.page({
        workCenterIds: terminal.workCenterIds,
        from: cursor ?? { seq: 0, id: 0 },
        full,
        limit,
        nowMs,
        cursorIssuedAt: cursor?.issuedAt ?? nowMs,
        headSeq,
      })
      const next: Cursor = {
        db: services.instance,
        terminalId: terminal.id,
        seq: page.position.seq,
        id: page.position.id,
        issuedAt: nowMs,
        full: full && page.hasMore,
      }
      return {
        items: services.workOrders.load(page.itemIds),
        removed: page.removed,
        next_cursor: encodeCursor(next),
        has_more: page.hasMore,
      }
    },
  )
}
