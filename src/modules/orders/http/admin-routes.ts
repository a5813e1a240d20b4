import type { FastifyPluginAsync, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { OrdersApi } from '../contract.ts'
import { adminOrderSchema, errorSchema, listQuerySchema, orderIdParams, orderPageSchema } from './schemas.ts'
import { sendOrdersError } from './send-error.ts'

export type OrdersAdminRoutesDeps = {
  readonly orders: OrdersApi
  readonly requireStaff: preHandlerHookHandler
}

const security = [{ bearerAuth: [] }]
const tags = ['admin: orders']

export const ordersAdminRoutes =
  (d: OrdersAdminRoutesDeps): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.addHook('preHandler', d.requireStaff)
    app.addHook('onSend', async (_req, reply) => {
      reply.header('cache-control', 'private, no-store')
    })

    app.get(
      '/orders',
      {
        schema: {
          tags,
          security,
          summary: 'List orders, newest first, filtered by status and e-mail',
          querystring: listQuerySchema,
          response: { 200: orderPageSchema, 400: errorSchema },
        },
      },
      async (req, reply) => {
        const q = req.query
        const r = await d.orders.listOrders({
          ...(q.status && { status: q.status }),
          ...(q.payment_status && { paymentStatus: q.payment_status }),
          ...(q.fulfillment_status && { fulfillmentStatus: q.fulfillment_status }),
          ...(q.email && { email: q.email }),
          ...(q.cursor && { cursor: q.cursor }),
          limit: q.limit,
        })
        return r.ok ? r.value : sendOrdersError(reply, r.error)
      },
    )

    app.get(
      '/orders/:id',
      {
        schema: {
          tags,
          security,
          summary: 'One order with items and its full status history',
          params: orderIdParams,
          response: { 200: z.object({ order: adminOrderSchema }), 404: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.orders.getOrder(req.params.id)
        return r.ok ? { order: r.value } : sendOrdersError(reply, r.error)
      },
    )
  }
