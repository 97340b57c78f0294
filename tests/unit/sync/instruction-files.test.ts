import { afterEach, describe, expect, it } from 'vitest'
import { createApiClient } from '../../../src/api/client'
import { InstructionFileCache } from '../../../src/db/instruction-files'
import type { InstructionAttachment } from '../../../src/domain/contract'
import { InstructionFileOfflineError, loadInstructionFile, prefetchInstructionFiles } from '../../../src/sync/instruction-files'
import { errorReply, freshDb, networkDown, scriptedServer, seed, SERVER, workOrder } from './fixtures'

const pdf: InstructionAttachment = { id: 31, name: 'Steps.pdf', mimetype: 'application/pdf', size: 4, checksum: 'a'.repeat(40), offline: true }
const png: InstructionAttachment = { id: 32, name: 'Jig.png', mimetype: 'image/png', size: 3, checksum: 'b'.repeat(40), offline: true }
const huge: InstructionAttachment = { id: 33, name: 'Scan.pdf', mimetype: 'application/pdf', size: 50_000_000, checksum: 'c'.repeat(40), offline: false }

const file = (bytes: number[], type: string) => () => new Response(new Uint8Array(bytes), { headers: { 'content-type': type } })

let cache: InstructionFileCache
let n = 0
afterEach(() => cache.close())

function openCache(): InstructionFileCache {
  n += 1
  cache = new InstructionFileCache({ name: `prefetch-test-${n}` })
  return cache
}

describe('prefetchInstructionFiles', () => {
  it('fetches each offline file of the work orders once, with the token in the header only', async () => {
    const db = freshDb()
    await seed(db, [workOrder(1, { attachments: [pdf, png, huge] }), workOrder(2, { attachments: [pdf] })])
    const server = scriptedServer().on('GET /attachments/31', file([37, 80, 68, 70], 'application/pdf')).on('GET /attachments/32', file([1, 2, 3], 'image/png'))
    const client = createApiClient({ baseUrl: SERVER, token: 'sft_test', fetch: server.fetch })
    openCache()

    expect(await prefetchInstructionFiles(db, client, cache)).toEqual({ fetched: 2, failed: 0 })
    expect(await prefetchInstructionFiles(db, client, cache)).toEqual({ fetched: 0, failed: 0 })

    expect(server.calls.map((c) => c.path)).toEqual(['/attachments/31', '/attachments/32'])
    expect(server.calls[0]?.headers.get('authorization')).toBe('Bearer sft_test')
    expect(await cache.keptIds()).toEqual([31, 32])
  })

  it('stops at the first network failure and tries again at the next sync', async () => {
    const db = freshDb()
    await seed(db, [workOrder(1, { attachments: [pdf, png] })])
    const server = scriptedServer().on('GET /attachments/31', networkDown, file([37, 80, 68, 70], 'application/pdf')).on('GET /attachments/32', file([1, 2, 3], 'image/png'))
    const client = createApiClient({ baseUrl: SERVER, token: 'sft_test', fetch: server.fetch })
    openCache()

    expect(await prefetchInstructionFiles(db, client, cache)).toEqual({ fetched: 0, failed: 1 })
    expect(await prefetchInstructionFiles(db, client, cache)).toEqual({ fetched: 2, failed: 0 })
  })
})

describe('loadInstructionFile', () => {
  it('opens a kept file without the network, and says so when a file is not kept while offline', async () => {
    const db = freshDb()
    await seed(db)
    const server = scriptedServer().on('GET /attachments/31', file([37, 80, 68, 70], 'application/pdf'), networkDown).on('GET /attachments/32', networkDown)
    openCache()

    const online = await loadInstructionFile({ db, fetch: server.fetch }, cache, pdf)
    const offline = await loadInstructionFile({ db, fetch: server.fetch }, cache, pdf)

    expect(online.type).toBe('application/pdf')
    expect([...new Uint8Array(await offline.arrayBuffer())]).toEqual([37, 80, 68, 70])
    expect(server.calls.map((c) => c.path)).toEqual(['/attachments/31'])
    await expect(loadInstructionFile({ db, fetch: server.fetch }, cache, png)).rejects.toBeInstanceOf(InstructionFileOfflineError)
  })

  it('opens a file over the limit from the server without keeping it, and passes on server refusals', async () => {
    const db = freshDb()
    await seed(db)
    const server = scriptedServer().on('GET /attachments/33', file([1], 'application/pdf')).on('GET /attachments/32', errorReply(403, 'forbidden'))
    openCache()

    expect((await loadInstructionFile({ db, fetch: server.fetch }, cache, huge)).size).toBe(1)
    expect(await cache.keptIds()).toEqual([])
    await expect(loadInstructionFile({ db, fetch: server.fetch }, cache, png)).rejects.toMatchObject({ code: 'forbidden' })
  })
})
