import type { FastifyInstance, HTTPMethods } from 'fastify'
import { ApiError } from './errors.ts'

const METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/**
 * Collects the routes under `prefix` registered after this call, and `close()` then answers every other
 * method on those URLs with 405 method_not_allowed (Fastify alone answers 404), with the Allow header.
 */
export function trackMethods(app: FastifyInstance, prefix: string): { close(): void } {
  const allowed = new Map<string, Set<string>>()
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(prefix)) return
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const set = allowed.get(route.url) ?? new Set<string>()
    for (const method of methods) set.add(method)
    allowed.set(route.url, set)
  })
  return {
    close() {
      for (const [url, methods] of [...allowed]) {
        const allowList = [...methods]
        const others = METHODS.filter((m) => !methods.has(m))
        if (others.length === 0) continue
        const allow = allowList.join(', ')
        app.route({
          method: others,
          url,
          config: { auth: false },
          handler: async (request) => {
            throw new ApiError('method_not_allowed', `${request.method} is not allowed here: use ${allow}.`, { allow: allowList }, { Allow: allow })
          },
        })
      }
    },
  }
}
