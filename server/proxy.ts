import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { Readable } from 'node:stream'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import { API_BASE_PATH } from '../src/domain/contract.ts'
import { fastifyOptions } from './app.ts'
import { registerCorrelationHeader } from './http/correlation.ts'
import { ApiError, registerErrorHandler, registerNotFound } from './http/errors.ts'
import { hasBuiltApp, registerStatic } from './static.ts'

/** How long Odoo may take to answer before the terminal gets a 502, in milliseconds. */
export const UPSTREAM_TIMEOUT_MS = 60_000

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus Host, which names ours. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
])

/** Options of {@link buildProxyServer}. */
export interface ProxyOptions {
  /** The Odoo server, e.g. http://odoo:8069 (a path prefix is kept). */
  odooUrl: URL
  /** Directory of the built PWA to serve at `/`. */
  staticDir?: string
  logger?: FastifyServerOptions['logger']
}

function forwardedHeaders(request: FastifyRequest): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(request.headers as IncomingHttpHeaders)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value
  }
  headers['x-correlation-id'] = request.id
  headers['x-forwarded-for'] = request.ip
  headers['x-forwarded-proto'] = request.protocol
  if (request.headers.host) headers['x-forwarded-host'] = request.headers.host
  return headers
}

function forward(odooUrl: URL, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const target = new URL(odooUrl.pathname.replace(/\/$/, '') + request.url, odooUrl)
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const upstream = send(
      target,
      { method: request.method, headers: forwardedHeaders(request), timeout: UPSTREAM_TIMEOUT_MS },
      (response: IncomingMessage) => {
        reply.code(response.statusCode ?? 502)
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) reply.header(name, value)
        }
        resolve(reply.send(response))
      },
    )
    upstream.on('timeout', () => upstream.destroy(new Error(`no answer within ${UPSTREAM_TIMEOUT_MS / 1000} s`)))
    upstream.on('error', (error) =>
      reject(
        new ApiError(
          'upstream_unreachable',
          `Odoo at ${odooUrl.origin} is not reachable (${error.message}): check SHOPFLOOR_ODOO_URL and that Odoo runs.`,
        ),
      ),
    )
    const body = request.body as Readable | undefined
    if (body) body.pipe(upstream)
    else upstream.end()
  })
}

/**
 * The server for a real Odoo: serves the PWA and streams `/shopfloor_terminal/v1/*` to Odoo unchanged
 * (headers, Authorization and X-Correlation-ID included), so the browser sees one origin and needs no CORS.
 * An Odoo it cannot reach answers 502 in the API's error envelope.
 */
export async function buildProxyServer(options: ProxyOptions): Promise<FastifyInstance> {
  const app = Fastify(fastifyOptions(options.logger))
  registerErrorHandler(app)
  registerCorrelationHeader(app)
  await app.register(async (api) => {
    // Bodies pass through as streams: Odoo parses and limits them itself.
    api.removeAllContentTypeParsers()
    api.addContentTypeParser('*', (_request, payload, done) => done(null, payload))
    api.all(`${API_BASE_PATH}/*`, (request, reply) => forward(options.odooUrl, request, reply))
  })
  const fallback = options.staticDir && hasBuiltApp(options.staticDir) ? await registerStatic(app, options.staticDir) : undefined
  registerNotFound(app, fallback)
  return app
}
