import { describe, expect, it } from 'vitest'
import { pairDevice, signIn, signOut } from '../../../src/sync/session'
import { PairingError, UnsyncedEventsError } from '../../../src/sync/errors'
import { recordAction } from '../../../src/sync/recorder'
import { ApiError } from '../../../src/api/errors'
import { ShopfloorDb } from '../../../src/db/schema'
import { bootstrap, errorReply, freshDb, json, page, scriptedServer, seed, workOrder } from './fixtures'

function pairingServer() {
  return scriptedServer()
    .on('POST /pair', json({ terminal: { id: 1, name: 'Line 1 tablet' }, token: 'sft_abc', api_version: '1' }))
    .on('GET /bootstrap', json(bootstrap()))
    .on('GET /workorders', json(page([workOrder(1), workOrder(2)], 'c1')))
}

describe('pairDevice', () => {
  it('pairs, stores the token, loads the bootstrap and the work orders, and asks for persistent storage', async () => {
    const db = freshDb()
    const server = pairingServer()
    let persistAsked = false

    const result = await pairDevice(
      { db, fetch: server.fetch, storage: { persisted: async () => false, persist: async () => (persistAsked = true) }, clientVersion: '1.0.0', yieldToUi: async () => {} },
      { serverUrl: 'http://plant.test/anything', code: 'abcd-2345', deviceName: ' Line 1 tablet ' },
    )

    expect(result).toMatchObject({ terminal: { id: 1, work_center_ids: [1, 2] }, workOrders: 2, persisted: true })
    expect(persistAsked).toBe(true)
    expect(server.calls[0]?.body).toEqual({ pairing_code: 'ABCD2345', device_name: 'Line 1 tablet', client_version: '1.0.0' })
    expect(server.calls[1]?.headers.get('authorization')).toBe('Bearer sft_abc')
    expect(await db.session.get('session')).toMatchObject({ serverUrl: 'http://plant.test', token: 'sft_abc', operatorId: null })
    expect(await db.operators.count()).toBe(2)
    expect((await db.syncState.get('sync'))?.cursor).toBe('c1')
  })

  it('wraps a wrong code in a PairingError carrying the server code', async () => {
    const db = freshDb()
    const server = scriptedServer().on('POST /pair', errorReply(401, 'pairing_code_invalid'))

    const error = await pairDevice({ db, fetch: server.fetch }, { serverUrl: 'http://plant.test', code: 'ABCD2345', deviceName: 'T' }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(PairingError)
    expect((error as PairingError).cause).toBeInstanceOf(ApiError)
    expect((error as PairingError).cause).toMatchObject({ code: 'pairing_code_invalid' })
    expect(await db.session.count()).toBe(0)
  })

  it('keeps the token when the bootstrap fails after a successful pairing (the code works only once)', async () => {
    const db = freshDb()
    const server = pairingServer().on('GET /bootstrap', errorReply(503, 'internal_error'))

    await expect(pairDevice({ db, fetch: server.fetch }, { serverUrl: 'http://plant.test', code: 'ABCD2345', deviceName: 'T' })).rejects.toBeInstanceOf(PairingError)

    expect((await db.session.get('session'))?.token).toBe('sft_abc')
  })

  it('refuses to pair with another server while events have not reached the old one', async () => {
    const db = freshDb()
    await seed(db)
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })

    await expect(
      pairDevice({ db, fetch: pairingServer().fetch }, { serverUrl: 'http://other.test', code: 'ABCD2345', deviceName: 'T' }),
    ).rejects.toBeInstanceOf(UnsyncedEventsError)
  })

  it('re-pairs with the same server keeping the queued events and the device sequence', async () => {
    const db = freshDb()
    await seed(db)
    await recordAction(db, { type: 'workorder.start', workorderId: 1, payload: {} })

    await pairDevice({ db, fetch: pairingServer().fetch, yieldToUi: async () => {} }, { serverUrl: 'http://plant.test', code: 'ABCD2345', deviceName: 'T' })
    const next = await signIn(db, 8).then(() => recordAction(db, { type: 'workorder.produce', workorderId: 1, payload: { qty: 1 } }))

    expect(await db.outbox.count()).toBe(2)
    expect(next.event.device_seq).toBe(2)
    expect((await db.workOrders.get(1))?.wo.state).toBe('progress')
  })
})

describe('signIn / signOut', () => {
  it('stores the operator (it survives a reload: a new database instance reads it) and refuses strangers', async () => {
    const db = freshDb()
    await seed(db, [workOrder(1)], { operatorId: null })

    await signIn(db, 9)
    const reopened = new ShopfloorDb(db.name)
    expect((await reopened.session.get('session'))?.operatorId).toBe(9)
    await expect(signIn(db, 77)).rejects.toMatchObject({ reason: 'operator_unknown' })
    await signOut(db)
    expect((await db.session.get('session'))?.operatorId).toBeNull()
  })
})
