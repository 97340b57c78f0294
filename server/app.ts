import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { API_BASE_PATH, MAX_BODY_BYTES } from '../src/domain/contract.ts'
import { openDatabase } from './db/open.ts'
import { registerAuth } from './http/auth.ts'
import { registerClientVersionCheck } from './http/client-version.ts'
import { correlationIdOf, registerCorrelationHeader } from './http/correlation.ts'
import { ApiError, registerErrorHandler, registerNotFound, sendError } from './http/errors.ts'
import { trackMethods } from './http/method-not-allowed.ts'
import { RequestLogController } from './http/request-log.ts'
import { registerServerTimeHeader } from './http/server-time.ts'
import { registerAttachmentRoutes } from './routes/attachments.ts'
import { registerBootstrapRoute } from './routes/bootstrap.ts'
import { registerDemoRoutes } from './routes/demo.ts'
import { registerEventRoutes } from './routes/events.ts'
import { registerHealthRoute } from './routes/health.ts'
import { registerLotRoutes } from './routes/lots.ts'
import { registerPairRoute } from './routes/pair.ts'
import { registerWorkOrderRoutes } from './routes/workorders.ts'
import { jsonDepth, MAX_BODY_DEPTH } from './ingest/payload-schema.ts'
import { DEFAULT_DEMO_WORKORDERS, isEmptyPlant, seedDemoPlant } from './seed/demo-plant.ts'
import { ensureDemoPairingCode } from './seed/demo-terminals.ts'
import { createServices, type Services } from './services.ts'
import { hasBuiltApp, registerStatic } from './static.ts'

/** Options of {@link buildServer}. */
export interface ServerOptions {
  /** Directory of the SQLite database, created if missing; `':memory:'` keeps everything in memory. */
  dataDir: string
  /** The demo terminal's pairing code (SHOPFLOOR_DEMO_PAIRING_CODE); a random one when absent. */
  pairingCode?: string
  /** Work orders to seed into an empty database (default 48). */
  demoWorkOrders?: number
  /** Isolated cells to seed into an empty database (SHOPFLOOR_DEMO_CELLS; seed/isolated-cells.ts). */
  demoCells?: readonly string[]
  /** The server clock; tests freeze or move it. */
  now?: () => Date
  /** Fastify's logger: false (default) is silent; main.ts passes `{ level: 'info' }`. */
  logger?: FastifyServerOptions['logger']
  /** Directory of the built PWA to serve at `/`; nothing is served when absent or not built. */
  staticDir?: string
  /** Days a terminal token works after pairing (SHOPFLOOR_TOKEN_LIFETIME_DAYS, Odoo's *Token Lifetime*); 0 or absent: no expiry. */
  tokenLifetimeDays?: number
}

/** What a built server carries besides Fastify. */
export interface ShopfloorState {
  services: Services
  /** The demo terminal's pairing code, waiting until used. */
  pairingCode: string
}

declare module 'fastify' {
  interface FastifyInstance {
    shopfloor: ShopfloorState
  }
}

/** Fastify options shared by the demo backend and the Odoo proxy. */
export function fastifyOptions(logger: FastifyServerOptions['logger']): FastifyServerOptions {
  return {
    logger: logger ?? false,
    logController: new RequestLogController(),
    genReqId: correlationIdOf,
    bodyLimit: MAX_BODY_BYTES,
    // Bodies are checked as sent: no type coercion, no defaults, no silent removal.
    ajv: { customOptions: { coerceTypes: false, useDefaults: false, removeAdditional: false } },
    // Errors Fastify raises before routing (a URL with broken %-encoding) get the envelope too.
    frameworkErrors: (error, _request, reply) =>
      sendError(reply, new ApiError('invalid_request', 'The URL is not valid: check its %-encoding.', { field: 'url', reason: error.message })),
    // While closing, requests on open connections are still answered (in the envelope) instead of
    // Fastify's own 503 body; the terminal retries anything that fails.
    return503OnClosing: false,
  }
}

/**
 * Every body is read as JSON whatever its Content-Type (as Odoo reads raw request data), so a terminal that
 * forgets the header still gets a precise answer; text that is not JSON is 400 malformed_json, a body nested
 * deeper than MAX_BODY_DEPTH is 400 invalid_request.
 */
function registerJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    let parsed: unknown
    try {
      parsed = JSON.parse(body as string)
    } catch {
      done(new ApiError('malformed_json', 'The request body is not valid JSON.'), undefined)
      return
    }
    if (jsonDepth(parsed) > MAX_BODY_DEPTH) {
      done(
        new ApiError('invalid_request', `The request body nests deeper than ${MAX_BODY_DEPTH} levels: send flat payloads.`, {
          field: 'body',
          reason: `nested deeper than ${MAX_BODY_DEPTH} levels`,
          max_depth: MAX_BODY_DEPTH,
        }),
        undefined,
      )
      return
    }
    done(null, parsed)
  })
}

/**
 * Builds the demo backend: the whole terminal API v1 over a seeded demo plant in SQLite, the demo-only
 * pairing endpoint, and the built PWA when `staticDir` holds one. The caller listens (or injects) and closes;
 * closing closes the database.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const clock = options.now ?? (() => new Date())
  const now = () => clock().getTime()
  const db = openDatabase(options.dataDir)
  if (isEmptyPlant(db)) {
    seedDemoPlant(db, { workOrders: options.demoWorkOrders ?? DEFAULT_DEMO_WORKORDERS, nowMs: now(), cells: options.demoCells ?? [] })
  }

  const app = Fastify(fastifyOptions(options.logger))
  const services = createServices(db, now, (error, eventId) => app.log.error({ err: error, event_id: eventId }, 'event failed'))
  const pairingCode = ensureDemoPairingCode(db, services.terminals, options.pairingCode, now())
  app.decorate('shopfloor', { services, pairingCode })
  app.addHook('onClose', async () => db.close())

  registerErrorHandler(app)
  registerJsonBodies(app)
  registerCorrelationHeader(app)
  registerServerTimeHeader(app, now)
  registerClientVersionCheck(app)
  registerAuth(app, services.terminals, now, options.tokenLifetimeDays)

  const methods = trackMethods(app, API_BASE_PATH)
  registerHealthRoute(app, services)
  registerPairRoute(app, services)
  registerBootstrapRoute(app, services)
  registerWorkOrderRoutes(app, services)
  registerLotRoutes(app, services)
  registerAttachmentRoutes(app, services)
  registerEventRoutes(app, services)
  methods.close()
  registerDemoRoutes(app, services)

  const fallback = options.staticDir && hasBuiltApp(options.staticDir) ? await registerStatic(app, options.staticDir) : undefined
  registerNotFound(app, fallback)
  return app
}
