import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { buildServer } from './app.ts'
import { ConfigError, readConfig, type ServerConfig } from './config.ts'
import { buildProxyServer } from './proxy.ts'
import { hasBuiltApp } from './static.ts'

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const logger = { level: process.env.LOG_LEVEL || 'info' }

function configFromEnv(): ServerConfig {
  try {
    return readConfig(process.env, projectRoot)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(2)
    }
    throw error
  }
}

function stopOnSignals(app: FastifyInstance): void {
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1)
    stopping = true
    app.log.info({ signal }, 'shutting down')
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

const config = configFromEnv()
const app = config.odooUrl
  ? await buildProxyServer({ odooUrl: config.odooUrl, staticDir: config.distDir, logger })
  : await buildServer({
      dataDir: config.dataDir,
      pairingCode: config.pairingCode,
      demoWorkOrders: config.demoWorkOrders,
      demoCells: config.demoCells,
      staticDir: config.distDir,
      tokenLifetimeDays: config.tokenLifetimeDays,
      logger,
    })
stopOnSignals(app)
await app.listen({ host: config.host, port: config.port })

const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/`
console.info('')
console.info(`Shop Floor Terminal: ${url}`)
if (config.odooUrl) {
  console.info(`API proxied to Odoo: ${config.odooUrl.href.replace(/\/$/, '')}/shopfloor_terminal/v1/`)
} else {
  const code = app.shopfloor.pairingCode
  console.info(`Demo pairing code: ${code}`)
  console.info(`Pair in one click: ${url}#/pair?code=${code}`)
  console.info(`Demo data: ${config.dataDir}`)
}
if (!hasBuiltApp(config.distDir)) console.warn(`No built app in ${config.distDir}: run "npm run build" (npm start does).`)
console.info('')
