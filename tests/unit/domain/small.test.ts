import { describe, expect, it } from 'vitest'
import { CLOSED_SORT_PREFIX, compareQueueOrder, isWorkOrderBlocked, queueSortKey } from '../../../src/domain/queue'
import { formatLocalIso } from '../../../src/domain/time'
import { normalizePairingCode, PairingInputError, parsePairingInput } from '../../../src/domain/pairing'
import { deriveSyncStatus, type SyncOverview } from '../../../src/domain/sync-status'
import { workOrder } from '../sync/fixtures'

describe('compareQueueOrder', () => {
  it('puts running work first, then urgent, then the earliest deadline, then MO and sequence', () => {
    const mo = (id: number, priority: '0' | '1', deadline: string | null) => ({ id: 100 + id, name: `MO/${id}`, date_deadline: deadline, priority })
    const list = [
      workOrder(1, { production: mo(1, '0', null) }),
      workOrder(2, { production: mo(2, '0', '2026-11-25T00:00:00Z') }),
      workOrder(3, { production: mo(3, '0', '2026-11-24T00:00:00Z') }),
      workOrder(4, { production: mo(4, '1', '2026-12-30T00:00:00Z') }),
      workOrder(5, { production: mo(5, '0', null), state: 'progress' }),
      workOrder(6, { production: mo(3, '0', '2026-11-24T00:00:00Z'), sequence: 5 }),
    ]
    expect(list.sort(compareQueueOrder).map((w) => w.id)).toEqual([5, 4, 6, 3, 2, 1])
  })
})

describe('queueSortKey', () => {
  it('orders as compareQueueOrder does, MO/1 before MO/10, closed work orders last', () => {
    const mo = (name: string) => ({ id: 1, name, date_deadline: null, priority: '0' as const })
    const a = workOrder(1, { production: mo('MO/1'), sequence: 99 })
    const b = workOrder(2, { production: mo('MO/10'), sequence: 1 })
    const done = workOrder(3, { production: mo('MO/0'), state: 'done' })
    expect([done, b, a].sort((x, y) => (queueSortKey(x) < queueSortKey(y) ? -1 : 1)).map((w) => w.id)).toEqual([1, 2, 3])
    expect(queueSortKey(done) >= CLOSED_SORT_PREFIX).toBe(true)
    expect(queueSortKey(a) < CLOSED_SORT_PREFIX).toBe(true)
  })
})

describe('isWorkOrderBlocked', () => {
  it('is blocked by a held hold, the server flag, or a downtime on its work center', () => {
    const wc = { id: 1, name: 'A', code: 'A', is_blocked: false, open_downtime: null }
    expect(isWorkOrderBlocked(workOrder(1), wc)).toBe(false)
    expect(isWorkOrderBlocked(workOrder(1), { ...wc, open_downtime: { loss_reason_id: 2, since: 'x' } })).toBe(true)
    expect(isWorkOrderBlocked(workOrder(1, { is_blocked: true }), wc)).toBe(true)
    expect(
      isWorkOrderBlocked(workOrder(1, { holds: [{ id: 1, lot_name: null, workorder_id: 1, reason: 'r', state: 'held', note: null }] }), undefined),
    ).toBe(true)
  })
})

describe('formatLocalIso', () => {
  it('writes the device time with its offset, naming the same instant', () => {
    const date = new Date('2026-11-23T07:01:12.345Z')
    const text = formatLocalIso(date)
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/)
    expect(Date.parse(text)).toBe(date.getTime())
  })
})

describe('parsePairingInput', () => {
  it('reads the server and code from the Odoo QR URL', () => {
    expect(parsePairingInput('https://odoo.example.com/shopfloor_terminal/app/#/pair?code=ABCD2345', 'http://x')).toEqual({
      serverUrl: 'https://odoo.example.com',
      code: 'ABCD2345',
    })
  })

  it('reads the demo QR URL and a bare code typed with spaces and dashes', () => {
    expect(parsePairingInput('http://127.0.0.1:8080/#/pair?code=abcd-2345', 'http://x').code).toBe('ABCD2345')
    expect(parsePairingInput(' abcd 2345 ', 'http://here:1')).toEqual({ serverUrl: 'http://here:1', code: 'ABCD2345' })
  })

  it('refuses text without a valid code, naming what it got', () => {
    expect(() => parsePairingInput('hello', 'http://x')).toThrow(PairingInputError)
    expect(() => parsePairingInput('ABCD1234', 'http://x')).toThrow(/ABCD1234/)
    expect(normalizePairingCode('ab-cd 23')).toBe('ABCD23')
  })
})

describe('deriveSyncStatus', () => {
  const calm: SyncOverview = {
    waiting: 0,
    held: 0,
    deadLetters: 0,
    oldestWaitingAt: null,
    lastSyncAt: 1,
    offlineSince: null,
    replayingSince: null,
    blockedBy: null,
    lastError: null,
    clock: null,
    lastClockJump: null,
  }
  it.each([
    [calm, 'synced'],
    [{ ...calm, waiting: 3 }, 'waiting'],
    [{ ...calm, waiting: 3, offlineSince: 5 }, 'offline'],
    [{ ...calm, waiting: 3, offlineSince: 5, deadLetters: 1 }, 'attention'],
    [{ ...calm, blockedBy: 'token_revoked' as const }, 'attention'],
  ])('%j is %s', (overview, status) => {
    expect(deriveSyncStatus(overview)).toBe(status)
  })
})
