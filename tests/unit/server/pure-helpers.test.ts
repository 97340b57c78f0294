import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { semverMajor } from '../../../server/http/client-version.ts'
import { FailureLimiter } from '../../../server/http/rate-limiter.ts'
import { canonicalJson, eventContentHash } from '../../../server/ingest/content-hash.ts'
import { batchClock, deviceNow, timedEvent } from '../../../server/ingest/event-time.ts'
import type { ValidEvent } from '../../../server/ingest/validate-event.ts'
import { generatePairingCode, isPairingCode, normalizePairingCode } from '../../../server/pairing/codes.ts'
import { generateToken, hashToken, sameHash } from '../../../server/pairing/tokens.ts'
import { ean13, ean13CheckDigit } from '../../../server/seed/ean13.ts'
import { decodeCursor, encodeCursor, type Cursor } from '../../../server/sync/cursor.ts'

describe('cursor', () => {
  const cursor = fc.record({
    db: fc.string({ minLength: 1, maxLength: 12 }),
    terminalId: fc.nat(),
    seq: fc.nat(),
    id: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
    issuedAt: fc.nat({ max: 2 ** 47 }),
    full: fc.boolean(),
  })

  test('decodes what it encodes', () => {
    fc.assert(
      fc.property(cursor, (c: Cursor) => {
        expect(decodeCursor(encodeCursor(c))).toEqual(c)
      }),
    )
  })

  test('anything else decodes to null, never throws', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const decoded = decodeCursor(text)
      expect(decoded === null || typeof decoded.seq === 'number').toBe(true)
    }))
    expect(decodeCursor('not-a-cursor')).toBeNull()
    expect(decodeCursor(Buffer.from('[2,"x",1,1,1,1,0]').toString('base64url'))).toBeNull()
    expect(decodeCursor(Buffer.from('[1,"x",1,-1,1,1,0]').toString('base64url'))).toBeNull()
  })
})

describe('content hash', () => {
  const base = { id: 'a', type: 'workorder.produce', workorder_id: 4, occurred_at: 't', device_seq: 1, employee_id: 2, payload: { qty: 1, lot_name: 'L' } }

  test('ignores key order, the id and the correlation id', () => {
    const reordered = { payload: { lot_name: 'L', qty: 1 }, employee_id: 2, device_seq: 1, occurred_at: 't', workorder_id: 4, type: 'workorder.produce' }
    expect(eventContentHash({ ...reordered, id: 'b', correlation_id: 'c' })).toBe(eventContentHash(base))
  })

  test('changes with any content field; a missing employee equals null', () => {
    expect(eventContentHash({ ...base, payload: { qty: 2, lot_name: 'L' } })).not.toBe(eventContentHash(base))
    expect(eventContentHash({ ...base, device_seq: 2 })).not.toBe(eventContentHash(base))
    const { employee_id: _omitted, ...withoutEmployee } = base
    expect(eventContentHash(withoutEmployee)).toBe(eventContentHash({ ...base, employee_id: null }))
  })

  test('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}')
  })
})

describe('pairing codes and tokens', () => {
  test('generated codes are 8 unambiguous characters', () => {
    for (let i = 0; i < 200; i++) expect(generatePairingCode()).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/)
  })

  test('codes compare case-insensitively without spaces and dashes', () => {
    expect(normalizePairingCode(' ab cd-2345 ')).toBe('ABCD2345')
    expect(isPairingCode('abcd-2345')).toBe(true)
    expect(isPairingCode('DEMO1234')).toBe(false)
    expect(isPairingCode('ABC2345')).toBe(false)
  })

  test('tokens are sft_ + 43 base64url characters; only the hash is compared', () => {
    const token = generateToken()
    expect(token).toMatch(/^sft_[A-Za-z0-9_-]{43}$/)
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/)
    expect(sameHash(hashToken(token), hashToken(token))).toBe(true)
    expect(sameHash(hashToken(token), hashToken(generateToken()))).toBe(false)
    expect(sameHash(hashToken(token), 'abcd')).toBe(false)
  })
})

describe('client version', () => {
  test.each([
    ['1.0.0', 1],
    ['0.9.0', 0],
    ['v2.3.4-beta.1', 2],
    ['latest', null],
    ['1.0', null],
  ])('semverMajor(%s) = %s', (text, major) => expect(semverMajor(text)).toBe(major))
})

describe('failure limiter', () => {
  test('refuses after max failures in the window and tells how long to wait', () => {
    let now = 0
    const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60_000, now: () => now })
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds('a')).toBe(0)
      limiter.recordFailure('a')
      now += 1000
    }
    expect(limiter.retryAfterSeconds('a')).toBe(57)
    expect(limiter.retryAfterSeconds('b')).toBe(0)
    now = 60_001
    expect(limiter.retryAfterSeconds('a')).toBe(0)
  })
})

describe('EAN-13', () => {
  test('check digits match published codes', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1)
    expect(ean13('590123412345')).toBe('5901234123457')
    expect(() => ean13CheckDigit('12345')).toThrow(RangeError)
  })
})

describe('event time', () => {
  const received = Date.parse('2026-11-26T08:00:00.000Z')
  const event = { occurredAtMs: received - 30 * 60_000 } as ValidEvent

  test('the batch skew is receipt minus sent_at; a batch without sent_at is not corrected', () => {
    expect(batchClock('2026-11-26T08:10:00.250+00:00', received)).toEqual({ receivedAt: received, skewMs: -600_250 })
    expect(batchClock(undefined, received)).toEqual({ receivedAt: received, skewMs: 0 })
    expect(batchClock(null, received)).toEqual({ receivedAt: received, skewMs: 0 })
  })

  test('a sent_at that is not a date-time with an offset is a problem naming the field', () => {
    for (const bad of ['2026-11-26T08:10:00', 'soon', 1764144600000, '']) {
      expect(batchClock(bad, received)).toMatchObject({ field: 'sent_at' })
    }
  })

  test('each event keeps the device time and gets it corrected by the skew; the device clock judges the future rule', () => {
    const clock = { receivedAt: received, skewMs: -600_000 }
    expect(deviceNow(clock)).toBe(received + 600_000)
    expect(timedEvent(event, {}, clock)).toMatchObject({
      occurredAtMs: received - 40 * 60_000,
      deviceOccurredAtMs: received - 30 * 60_000,
      clockJumpMs: null,
    })
    expect(timedEvent(event, { clock_jump_ms: -10_800_000 }, clock)).toMatchObject({ clockJumpMs: -10_800_000 })
    expect(timedEvent(event, { clock_jump_ms: 1.5 }, clock)).toEqual({ field: 'clock_jump_ms', reason: expect.any(String) })
  })
})
