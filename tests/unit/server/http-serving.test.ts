import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildServer } from '../../../server/app.ts'
import { buildProxyServer } from '../../../server/proxy.ts'
import { createDemoServer, type DemoServer } from '../../../server/testing.ts'

describe('serving the built app', () => {
  let dist: string
  let app: FastifyInstance
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'shopfloor-dist-'))
    mkdirSync(join(dist, 'assets'))
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>shell</title>')
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})')
    writeFileSync(join(dist, 'assets', 'index-AbC123.js'), 'console.log(1)')
    app = await buildServer({ dataDir: ':memory:', staticDir: dist })
  })
  afterAll(async () => {
    await app.close()
    rmSync(dist, { recursive: true, force: true })
  })

  test('index.html and sw.js must be revalidated; hashed assets are cached for a year', async () => {
    expect((await app.inject('/')).headers['cache-control']).toBe('no-cache')
    expect((await app.inject('/sw.js')).headers['cache-control']).toBe('no-cache')
    expect((await app.inject('/assets/index-AbC123.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  test('a navigation to an unknown path gets the app shell; other misses keep a 404 envelope', async () => {
    const navigation = await app.inject({ url: '/pair', headers: { accept: 'text/html' } })
    expect(navigation.statusCode).toBe(200)
    expect(navigation.body).toContain('shell')
    const asset = await app.inject({ url: '/assets/missing.js', headers: { accept: 'text/html' } })
    expect(asset.statusCode).toBe(404)
    const api = await app.inject({ url: '/shopfloor_terminal/v1/nothing', headers: { accept: 'text/html' } })
    expect(api.json()).toMatchObject({ error: { code: 'not_found' } })
  })
})

describe('failures Fastify meets before routing', () => {
  test('a URL with broken %-encoding gets the envelope and a correlation id', async () => {
    const app = await buildServer({ dataDir: ':memory:' })
    const response = await app.inject({ url: '/shopfloor_terminal/v1/%zz', headers: { 'x-correlation-id': 'bad-url-1' } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: { code: 'invalid_request', details: { field: 'url' }, correlation_id: 'bad-url-1' } })
    expect(response.headers['x-correlation-id']).toBe('bad-url-1')
    await app.close()
  })
})

describe('the Odoo proxy', () => {
  let upstream: DemoServer
  let proxy: FastifyInstance
  beforeAll(async () => {
    upstream = await createDemoServer()
    proxy = await buildProxyServer({ odooUrl: new URL(upstream.baseUrl as string) })
  })
  afterAll(async () => {
    await proxy.close()
    await upstream.close()
  })

  test('passes requests, bodies, Authorization and the correlation id through, and answers as Odoo did', async () => {
    const pair = await proxy.inject({
      method: 'POST',
      url: '/shopfloor_terminal/v1/pair',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'proxy-test-1' },
      payload: JSON.stringify({ pairing_code: upstream.pairingCode, device_name: 'via proxy', client_version: '1.0.0' }),
    })
    expect(pair.statusCode).toBe(200)
    expect(pair.headers['x-correlation-id']).toBe('proxy-test-1')
    const token = pair.json<{ token: string }>().token
    const boot = await proxy.inject({ url: '/shopfloor_terminal/v1/bootstrap', headers: { authorization: `Bearer ${token}` } })
    expect(boot.statusCode).toBe(200)
    expect(boot.json()).toMatchObject({ api_version: '1' })
    const refused = await proxy.inject({ url: '/shopfloor_terminal/v1/bootstrap?x=1' })
    expect(refused.statusCode).toBe(401)
    expect(refused.json()).toMatchObject({ error: { code: 'unauthorized', correlation_id: refused.headers['x-correlation-id'] } })
  })

  test('an unreachable Odoo is 502 upstream_unreachable in the envelope', async () => {
    const dead = await buildProxyServer({ odooUrl: new URL('http://127.0.0.1:9') })
    const response = await dead.inject({ url: '/shopfloor_terminal/v1/health', headers: { 'x-correlation-id': 'dead-1' } })
    expect(response.statusCode).toBe(502)
    expect(response.json()).toMatchObject({ error: { code: 'upstream_unreachable', correlation_id: 'dead-1' } })
    await dead.close()
  })
})
