import { describe, expect, it } from 'vitest'
import { lookupLot } from '../../../src/sync/lots'
import { bootstrap, errorReply, freshDb, json, networkDown, scriptedServer, seed } from './fixtures'

const lot = { id: 5, name: 'LOT-0005', product: bootstrap().products[1] ?? bootstrap().products[0], expiration_date: null, holds: [] }

describe('lookupLot', () => {
  it('asks the server, keeps the answer, and answers from the cache when the network is down', async () => {
    const db = freshDb()
    await seed(db)
    const server = scriptedServer().on('GET /lots', json({ lot }), networkDown)

    const online = await lookupLot({ db, fetch: server.fetch }, ' LOT-0005 ', 11)
    const offline = await lookupLot({ db, fetch: server.fetch }, 'LOT-0005')

    expect(online).toMatchObject({ source: 'server', lot: { name: 'LOT-0005', productId: lot.product?.id } })
    expect(server.calls[0]?.query.get('barcode')).toBe('LOT-0005')
    expect(offline).toMatchObject({ source: 'cache', lot: { name: 'LOT-0005' } })
  })

  it('says unknown without error, online and offline', async () => {
    const db = freshDb()
    await seed(db)
    const server = scriptedServer().on('GET /lots', errorReply(404, 'lot_unknown'), networkDown)

    expect(await lookupLot({ db, fetch: server.fetch }, 'NOPE')).toEqual({ source: 'server', lot: null })
    expect(await lookupLot({ db, fetch: server.fetch }, 'NOPE')).toEqual({ source: 'cache', lot: null })
  })

  it('passes on a failure that is not the network (a revoked token)', async () => {
    const db = freshDb()
    await seed(db)
    const server = scriptedServer().on('GET /lots', errorReply(401, 'token_revoked'))

    await expect(lookupLot({ db, fetch: server.fetch }, 'LOT-0005')).rejects.toMatchObject({ code: 'token_revoked' })
  })
})
