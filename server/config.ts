import { resolve } from 'node:path'
import { isPairingCode } from './pairing/codes.ts'
import { DEFAULT_DEMO_WORKORDERS } from './seed/demo-plant.ts'
import { InvalidDemoPairingCodeError } from './seed/demo-terminals.ts'
import { InvalidCellCodeError, isCellCode } from './seed/isolated-cells.ts'

/** How the server runs, read from the environment. */
export interface ServerConfig {
  host: string
  port: number
  /** Where the demo database lives. */
  dataDir: string
  /** The built PWA to serve. */
  distDir: string
  /** The demo terminal's pairing code, when set. */
  pairingCode: string | undefined
  /** Work orders seeded into an empty database. */
  demoWorkOrders: number
  /** Codes of the isolated cells seeded into an empty database (e2e specs that must not share work centers). */
  demoCells: string[]
  /** A real Odoo to proxy the API to instead of running the demo backend. */
  odooUrl: URL | undefined
  /** Days a demo terminal token works after pairing; 0: no expiry. */
  tokenLifetimeDays: number
}

/** Thrown for an environment variable the server cannot use; the message names it and the fix. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

function boundedInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}="${text}" is not valid: use an integer from ${min} to ${max}, or leave it unset (${fallback}).`)
  }
  return value
}

function cellCodes(env: NodeJS.ProcessEnv): string[] {
  const codes = (env.SHOPFLOOR_DEMO_CELLS ?? '').split(',').map((code) => code.trim()).filter((code) => code !== '')
  const bad = codes.find((code) => !isCellCode(code))
  if (bad !== undefined) throw new ConfigError(`SHOPFLOOR_DEMO_CELLS: ${new InvalidCellCodeError(bad).message}`)
  if (new Set(codes).size !== codes.length) throw new ConfigError(`SHOPFLOOR_DEMO_CELLS="${env.SHOPFLOOR_DEMO_CELLS}" names a cell twice: name each once.`)
  return codes
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  return boundedInteger(env, name, fallback, 1, max)
}

/**
 * Reads HOST (127.0.0.1), PORT (8080), SHOPFLOOR_DATA_DIR (<project>/.data), SHOPFLOOR_DIST_DIR
 * (<project>/dist), SHOPFLOOR_DEMO_PAIRING_CODE, SHOPFLOOR_DEMO_WORKORDERS (48), SHOPFLOOR_DEMO_CELLS (none),
 * SHOPFLOOR_TOKEN_LIFETIME_DAYS
 * (0: tokens never expire) and SHOPFLOOR_ODOO_URL.
 */
export function readConfig(env: NodeJS.ProcessEnv, projectRoot: string): ServerConfig {
  let odooUrl: URL | undefined
  const odoo = env.SHOPFLOOR_ODOO_URL
  if (odoo) {
    try {
      odooUrl = new URL(odoo)
    } catch {
      odooUrl = undefined
    }
    if (!odooUrl || !['http:', 'https:'].includes(odooUrl.protocol)) {
      throw new ConfigError(`SHOPFLOOR_ODOO_URL="${odoo}" is not an http(s) URL: use e.g. http://odoo:8069.`)
    }
  }
  const pairingCode = env.SHOPFLOOR_DEMO_PAIRING_CODE || undefined
  if (pairingCode !== undefined && !isPairingCode(pairingCode)) {
    throw new ConfigError(new InvalidDemoPairingCodeError(pairingCode).message)
  }
  return {
    host: env.HOST || '127.0.0.1',
    port: positiveInteger(env, 'PORT', 8080, 65535),
    dataDir: resolve(env.SHOPFLOOR_DATA_DIR || resolve(projectRoot, '.data')),
    distDir: resolve(env.SHOPFLOOR_DIST_DIR || resolve(projectRoot, 'dist')),
    pairingCode,
    demoWorkOrders: positiveInteger(env, 'SHOPFLOOR_DEMO_WORKORDERS', DEFAULT_DEMO_WORKORDERS, 1_000_000),
    demoCells: cellCodes(env),
    odooUrl,
    tokenLifetimeDays: boundedInteger(env, 'SHOPFLOOR_TOKEN_LIFETIME_DAYS', 0, 0, 3650),
  }
}
