import type { FastifyInstance } from 'fastify'
import { API_BASE_PATH } from '../../src/domain/contract.ts'
import { terminalOf } from '../http/auth.ts'
import { ApiError } from '../http/errors.ts'
import type { Services } from '../services.ts'

const params = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 32 } },
} as const

/** GET /attachments/<id>: an instruction file of an operation on one of the terminal's work centers. */
export function registerAttachmentRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { id: string } }>(`${API_BASE_PATH}/attachments/:id`, { schema: { params } }, async (request, reply) => {
    const id = /^[1-9][0-9]{0,9}$/.test(request.params.id) ? Number(request.params.id) : 0
    const found = id > 0 && id < 2 ** 31 ? services.attachments.forTerminal(id, terminalOf(request).workCenterIds) : 'not_found'
    if (found === 'not_found') throw new ApiError('not_found', 'No instruction file has this id.')
    if (found === 'forbidden') throw new ApiError('forbidden', "This file belongs to another work center's operations.")
    return reply
      .header('Content-Type', found.mimetype)
      .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(found.name)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-cache')
      .header('ETag', `"${found.checksum}"`)
      .send(found.data)
  })
}
