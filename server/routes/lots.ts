import type { FastifyInstance } from 'fastify'
import { API_BASE_PATH, type Lot } from '../../src/domain/contract.ts'
import { ApiError } from '../http/errors.ts'
import type { Services } from '../services.ts'

const querystring = {
  type: 'object',
  required: ['barcode'],
  properties: {
    barcode: { type: 'string', minLength: 1, maxLength: 256 },
    product_id: { type: 'string', pattern: '^[1-9][0-9]{0,14}$' },
  },
} as const

/** GET /lots?barcode=: the lot with exactly that name (trimmed), to check a scan while online. */
export function registerLotRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Querystring: { barcode: string; product_id?: string } }>(
    `${API_BASE_PATH}/lots`,
    { schema: { querystring } },
    async (request): Promise<{ lot: Lot }> => {
      const name = request.query.barcode.trim()
      const productId = request.query.product_id === undefined ? undefined : Number(request.query.product_id)
      const lot = services.lots.lookup(name, productId)
      if (!lot) throw new ApiError('lot_unknown', `No lot is named "${name}": check the scan or create the lot on production.`)
      return { lot }
    },
  )
}
