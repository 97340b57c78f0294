import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../../src/api/client'
import type { EventResult, OfficeDecision, TerminalEvent } from '../../../src/domain/contract'
import { resolvedDeadLetters } from '../../../src/db/queries'
import { resolutionText } from '../../../src/i18n/dead-letter-texts'
import { carryOutDecisions, officeDiscardReason } from '../../../src/sync/decisions'
import { pushOutbox } from '../../../src/sync/push'
import { recordAction } from '../../../src/sync/recorder'
import { bootstrap, freshDb, json, scriptedServer, seed, SERVER, workOrder } from './fixtures'

const limits = bootstrap().limits

/** Two work orders, each with a produce the server refused (on hold). */
async function withTwoDeadProduces() {
  const db = freshDb()
  await seed(db, [workOrder(1, { state: 'progress' }), workOrder(2, { state: 'progress' })])
  const first = await recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 6 } })
  const second = await recordAction(db, { type: 'workorder.produce', workorderId: 2, payload: { qty: 2 } })
  const server = scriptedServer()
  server.on('POST /events', (call) =>
    json({
      results: (call.body as { events: TerminalEvent[] }).events.map(
        (e): EventResult =>
          e.resend_of || e.type === 'event.discard'
            ? { id: e.id, status: 'applied', workorder: workOrder(e.workorder_id, { state: 'progress' }) }
            : { id: e.id, status: 'rejected', error: { code: 'workorder_on_hold', message: 'held' } },
      ),
    }),
  )
  const client = createApiClient({ baseUrl: SERVER, token: 't', fetch: server.fetch })
  await pushOutbox(db, client, limits)
  return { db, server, client, first, second }
}

const decision = (eventId: string, action: OfficeDecision['action'], note: string | null = null): OfficeDecision => ({
  event_id: eventId,
  action,
  decided_by: 'Mitchell Admin',
  decided_at: '2026-11-23T09:00:00Z',
  note,
})

describe('decisions from the office', () => {
  it('resends or discards as the office decided, in the dead events\' places, with who decided', async () => {
    const { db, server, client, first, second } = await withTwoDeadProduces()
    server.on('GET /decisions', json({ decisions: [decision(first.id, 'resend'), decision(second.id, 'discard', 'counted twice')] }))

    expect(await carryOutDecisions(db, client)).toBe(2)

    const resent = await db.outbox.where('[status+seq]').equals(['pending', first.seq]).first()
    expect(resent?.event).toMatchObject({ type: 'workorder.produce', resend_of: first.id, resolved_by: null, device_seq: first.event.device_seq })
    const discard = await db.outbox.where('[status+seq]').equals(['pending', second.seq]).first()
    expect(discard?.event).toMatchObject({
      type: 'event.discard',
      employee_id: null,
      payload: { event_id: second.id, reason: 'Discarded in Odoo by Mitchell Admin: counted twice' },
    })
    expect(await db.deadLetters.get(first.id)).toMatchObject({ resolved: 1, resolution: { kind: 'resent', operatorId: null, decidedBy: 'Mitchell Admin' } })
    expect(await db.deadLetters.get(second.id)).toMatchObject({ resolved: 1, resolution: { kind: 'discarded', decidedBy: 'Mitchell Admin' } })
    const shown = (await resolvedDeadLetters(10, db)).map((d) => resolutionText(d, () => undefined))
    expect(shown.sort()).toEqual(['discarded in Odoo by Mitchell Admin: Discarded in Odoo by Mitchell Admin: counted twice', 'resent in Odoo by Mitchell Admin'])
  })

  it('skips a decision on an event this tablet already resolved or never had, and a server without decisions', async () => {
    const { db, server, client, first } = await withTwoDeadProduces()
    server.on('GET /decisions', json({ decisions: [decision('0193f1c2-7b7e-7cc1-9e3a-2f1b3c4d5e6f', 'resend')] }))
    expect(await carryOutDecisions(db, client)).toBe(0)

    server.on('GET /decisions', json({ decisions: [decision(first.id, 'discard'), decision(first.id, 'discard')] }))
    expect(await carryOutDecisions(db, client)).toBe(1)

    server.on('GET /decisions')
    expect(await carryOutDecisions(db, client)).toBe(0)
  })

  it('keeps an office reason within the 200 characters the contract allows', () => {
    const reason = officeDiscardReason(decision('x', 'discard', 'n'.repeat(300)))
    expect(reason).toHaveLength(200)
    expect(reason.startsWith('Discarded in Odoo by Mitchell Admin: nnn')).toBe(true)
    expect(officeDiscardReason(decision('x', 'discard'))).toBe('Discarded in Odoo by Mitchell Admin')
  })
})
