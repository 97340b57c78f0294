// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApiClient } from '../../../src/api/client'
import { setDatabase } from '../../../src/db/database'
import type { ShopfloorDb } from '../../../src/db/schema'
import type { Operator } from '../../../src/domain/contract'
import { localInputValue } from '../../../src/domain/retime'
import { i18n } from '../../../src/i18n'
import { useSupervisorStore } from '../../../src/stores/supervisor'
import { useSyncStore } from '../../../src/stores/sync'
import { pushOutbox } from '../../../src/sync/push'
import { recordAction } from '../../../src/sync/recorder'
import { answerEach, bootstrap, freshDb, scriptedServer, seed, SERVER, workOrder } from '../sync/fixtures'

/** Live queries answer asynchronously, and a loaded machine can take seconds. */
const POLL = { timeout: 10_000 }
const HOUR = 60 * 60_000
const DAY = 24 * HOUR
const supervisor: Operator = { id: 9, name: 'Sam Supervisor', badge_hash: null, pin_hash: null, can_release_holds: true, lang: null }

let db: ShopfloorDb

/** A start dated 9 days back that the server refused as too old (window 7 days): a dead letter about time. */
async function refusedTooOld(): Promise<string> {
  const start = await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} }, { now: () => Date.now() - 9 * DAY })
  const server = scriptedServer()
  server.on('POST /events', answerEach((e) => ({ id: e.id, status: 'rejected', error: { code: 'occurred_too_old', message: 'old', details: { field: 'occurred_at', max_age_days: 7 } } })))
  await pushOutbox(db, createApiClient({ baseUrl: SERVER, token: 't', fetch: server.fetch }), bootstrap().limits)
  return start.id
}

beforeEach(async () => {
  setActivePinia(createPinia())
  db = freshDb()
  setDatabase(db)
  await seed(db, [workOrder(1, { state: 'ready' })])
  i18n.global.locale.value = 'en'
})

describe('the supervisor store resends a time refusal with the time the supervisor set', () => {
  it('says in the form why a time cannot be sent, asks for no badge then, and resends a good one once authorized', async () => {
    const id = await refusedTooOld()
    const store = useSupervisorStore()
    await expect.poll(() => useSyncStore().deadLetters.length, POLL).toBe(1)

    for (const [text, message] of [
      [localInputValue(Date.now() + HOUR), 'This time is in the future: enter when it really happened.'],
      [localInputValue(Date.now() - 8 * DAY), 'The server accepts nothing older than 7 days: enter a later time, or discard the event.'],
      ['', 'Enter a date and time.'],
    ] as const) {
      store.resend(id, '{}', text)
      expect(store.retimeError).toEqual({ id, message })
      expect(store.gate).toBeNull()
    }

    const corrected = Date.now() - HOUR
    store.resend(id, '{}', localInputValue(corrected))
    expect(store.retimeError).toBeNull()
    expect(store.gate?.action).toBe('resend')
    expect(await store.authorized(supervisor)).toBe(true)

    const resent = (await db.outbox.toArray()).find((row) => row.resendOf === id)
    // datetime-local keeps whole seconds.
    expect(Date.parse(resent?.event.occurred_at ?? '')).toBe(Math.floor(corrected / 1000) * 1000)
    expect(resent?.event).toMatchObject({ resend_of: id, resolved_by: supervisor.id })
  })
})
