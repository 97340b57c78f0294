import type { FastifyInstance } from 'fastify'
import { API_BASE_PATH } from '../../src/domain/contract.ts'
import { ApiError } from './errors.ts'

/** The oldest terminal major version this server still serves. */
export const MIN_CLIENT_MAJOR = 1

/** The major version of a semver string, or null when it is not one (then the header is ignored). */
export function semverMajor(version: string): number | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version.trim())
  return match ? Number(match[1]) : null
}

/** Answers 426 client_too_old to terminals older than {@link MIN_CLIENT_MAJOR}. */
export function registerClientVersionCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith(API_BASE_PATH)) return
    const header = request.headers['x-terminal-client']
    const major = typeof header === 'string' ? semverMajor(header) : null
    if (major !== null && major < MIN_CLIENT_MAJOR) {
      throw new ApiError('client_too_old', `Terminal version ${header} is no longer supported: update the app (reload it online).`, {
        min_version: `${MIN_CLIENT_MAJOR}.0.0`,
      })
    }
  })
}
