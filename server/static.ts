import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/** Vite puts content-hashed files here: their name changes with their content, so they may be cached for good. */
const HASHED_DIR = `${join('/', 'assets')}/`
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** index.html, sw.js, the manifest: must be revalidated, or a new release never reaches the device. */
const REVALIDATE = 'no-cache'

/** True when `dir` holds a built app (index.html). */
export function hasBuiltApp(dir: string): boolean {
  return existsSync(join(dir, 'index.html'))
}

/**
 * Serves the built PWA from `dir` at `/`: hashed assets cached for a year, everything else revalidated.
 * Returns the app-shell fallback for the not-found handler: a browser navigation to a path that is no file
 * gets index.html (the router takes over), while API paths, assets and non-navigations keep their 404.
 */
export async function registerStatic(
  app: FastifyInstance,
  dir: string,
): Promise<(request: FastifyRequest, reply: FastifyReply) => FastifyReply | null> {
  await app.register(fastifyStatic, {
    root: dir,
    cacheControl: false,
    setHeaders(res, filePath) {
      res.setHeader('Cache-Control', filePath.includes(HASHED_DIR) || filePath.includes('\\assets\\') ? IMMUTABLE : REVALIDATE)
    },
  })
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    const navigation =
      (request.method === 'GET' || request.method === 'HEAD') &&
      (request.headers['sec-fetch-mode'] === 'navigate' || (request.headers.accept ?? '').includes('text/html'))
    if (!navigation || path.startsWith('/shopfloor_terminal/') || /\.[a-z0-9]+$/i.test(path)) return null
    return reply.header('Cache-Control', REVALIDATE).sendFile('index.html')
  }
}
