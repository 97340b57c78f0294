import type { Database } from 'better-sqlite3'
import { DAY_MS } from './time.ts'

/** A position in the (change_seq, id) order of work orders. */
export interface FeedPosition {
  seq: number
  id: number
}

/** What one page of delta sync holds, before the work orders are serialized. */
export interface FeedPage {
  itemIds: number[]
  removed: number[]
  /** Where the next page starts. */
  position: FeedPosition
  hasMore: boolean
}

/** How long a finished work order stays on the terminal. */
export const DONE_VISIBLE_MS = DAY_MS

interface FeedRow {
  id: number
  change_seq: number
  state: string
  date_finished: number | null
}

/**
 * Pages through the work orders of a terminal's work centers in (change_seq, id) order.
 *
 * A terminal's set is the work orders of its work centers that are not cancelled and not finished more than
 * {@link DONE_VISIBLE_MS} ago. A full sync pages through that set only; a delta pages through every changed
 * work order of those work centers and reports the ones outside the set as `removed`. Work orders that left
 * the set only because time passed (finished 24 h ago) did not change, so a delta also removes those
 * finished in the window between the cursor's issue and now minus 24 h.
 */
export function createWorkOrderFeed(db: Database) {
  // The unary + keeps SQLite on the (change_seq, id) index: a page then reads `limit` rows in order instead
  // of sorting every work order of the terminal's work centers (https://sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_).
  const centers = '+work_center_id IN (SELECT value FROM json_each(?))'
  const after = '(change_seq, id) > (?, ?)'
  const full = db.prepare<[string, number, number, number, number], FeedRow>(
    `SELECT id, change_seq, state, date_finished FROM workorders
      WHERE ${centers} AND ${after} AND state != 'cancel' AND (state != 'done' OR date_finished >= ?)
      ORDER BY change_seq, id LIMIT ?`,
  )
  const delta = db.prepare<[string, number, number, number], FeedRow>(
    `SELECT id, change_seq, state, date_finished FROM workorders
      WHERE ${centers} AND ${after} ORDER BY change_seq, id LIMIT ?`,
  )
  const agedOut = db.prepare<[string, number, number, number, number], { id: number }>(
    `SELECT id FROM workorders
      WHERE ${centers} AND state = 'done' AND date_finished >= ? AND date_finished < ? AND (change_seq, id) <= (?, ?)
      ORDER BY id`,
  )

  return {
    /**
     * One page after `from`. `headSeq` is the change counter now: the last page's position jumps to it,
     * so a later delta starts after everything this sync has seen.
     */
    page(options: {
      workCenterIds: readonly number[]
      from: FeedPosition
      full: boolean
      limit: number
      nowMs: number
      /** Issue time of the cursor being continued (epoch ms); ignored for a full sync. */
      cursorIssuedAt: number
      headSeq: number
    }): FeedPage {
      const { from, limit, nowMs } = options
      const centerJson = JSON.stringify(options.workCenterIds)
      const visibleSince = nowMs - DONE_VISIBLE_MS
      const rows = options.full
        ? full.all(centerJson, from.seq, from.id, visibleSince, limit + 1)
        : delta.all(centerJson, from.seq, from.id, limit + 1)
      const hasMore = rows.length > limit
      const pageRows = rows.slice(0, limit)
      const itemIds: number[] = []
      const removed: number[] = []
      for (const row of pageRows) {
        const visible = row.state !== 'cancel' && (row.state !== 'done' || (row.date_finished ?? 0) >= visibleSince)
        if (visible) itemIds.push(row.id)
        else removed.push(row.id)
      }
      if (!options.full) {
        const since = options.cursorIssuedAt - DONE_VISIBLE_MS
        for (const row of agedOut.all(centerJson, since, visibleSince, from.seq, from.id)) removed.push(row.id)
      }
      const last = pageRows.at(-1)
      const position =
        hasMore && last ? { seq: last.change_seq, id: last.id } : { seq: options.headSeq, id: Number.MAX_SAFE_INTEGER }
      return { itemIds, removed, position, hasMore }
    },
  }
}
