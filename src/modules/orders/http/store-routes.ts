import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { OrdersApi } from '../contract.ts'
import { errorSchema, orderIdParams, storeOrderSchema } from './schemas.ts'
import { sendOrdersError } from './send-error.ts'

export type OrdersStoreRoutesDeps = {
  readonly orders: OrdersApi
  /** the signed-in customer's id, when customer sessions exist (wired by the app) */
  readonly customerIdOf?: (req: FastifyRequest) => string | undefined
}

const headers = z.object({
  'x-order-token': z.string().max(200).optional().describe('the access_token from the checkout response'),
})

export const ordersStoreRoutes =
  (d: OrdersStoreRoutesDeps): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()

    app.get(
      '/orders/:id',
      {
        schema: {
          tags: ['store'],
          summary: 'One order, for the shopper holding its access token or the customer who placed it (404 to anyone else)',
          params: orderIdParams,
          headers,
          response: { 200: z.object({ order: storeOrderSchema }), 404: errorSchema },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'private, no-store')
        const token = req.headers['x-order-token']
        const customerId = d.customerIdOf?.(req)
        const r = await d.orders.getOrderForShopper({
          id: req.params.id,
          ...(token && { accessToken: token }),
          ...(customerId && { customerId }),
        })
        return r.ok ? { order: r.value } : sendOrdersError(reply, r.error)
      },
    )
  }
