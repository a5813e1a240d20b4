import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorBody } from '../../../platform/http/error-body.ts'
import type { OrdersApi } from '../../orders/index.ts'
import type { ReturnsApi } from '../contract.ts'
import { errorSchema, idParams, manyReturns, oneReturn, requestBodySchema, toRequest } from './schemas.ts'
import { sendReturnsError } from './send-error.ts'

export type ReturnsStoreRoutesDeps = {
  readonly returns: ReturnsApi
  readonly orders: Pick<OrdersApi, 'getOrderForShopper'>
  /** the signed-in customer's id, when customer sessions exist (wired by the app) */
  readonly customerIdOf?: (req: FastifyRequest) => string | undefined
}

const headers = z.object({
  'x-order-token': z.string().max(200).optional().describe('the access_token from the checkout response'),
})

const tags = ['store: returns']

/** The shopper's returns: the order's access token (or its customer) opens them, as for `GET /store/orders/{id}`. */
export const returnsStoreRoutes =
  (d: ReturnsStoreRoutesDeps): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.addHook('onSend', async (_req, reply) => {
      reply.header('cache-control', 'private, no-store')
    })

    /** true when the caller may see the order; otherwise the 404 is sent */
    const opens = async (id: string, req: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
      const token = req.headers['x-order-token']
      const customerId = d.customerIdOf?.(req)
      const r = await d.orders.getOrderForShopper({
        id,
        ...(typeof token === 'string' && token && { accessToken: token }),
        ...(customerId && { customerId }),
      })
      if (!r.ok) reply.code(404).send(errorBody('not_found', `No order "${id}".`))
      return r.ok
    }

    app.post(
      '/orders/:id/returns',
      {
        schema: {
          tags,
          summary: 'Ask to return items of an order (or exchange them for a same-price variant)',
          params: idParams,
          headers,
          body: requestBodySchema,
          response: { 201: oneReturn, 404: errorSchema, 409: errorSchema, 422: errorSchema },
        },
      },
      async (req, reply) => {
        if (!(await opens(req.params.id, req, reply))) return reply
        const r = await d.returns.requestReturn({
          orderId: req.params.id,
          source: 'store',
          items: toRequest(req.body),
          ...(req.body.note && { note: req.body.note }),
        })
        return r.ok ? reply.code(201).send({ return: r.value }) : sendReturnsError(reply, r.error)
      },
    )

    app.get(
      '/orders/:id/returns',
      {
        schema: {
          tags,
          summary: "An order's returns with their steps",
          params: idParams,
          headers,
          response: { 200: manyReturns, 404: errorSchema },
        },
      },
      async (req, reply) => {
        if (!(await opens(req.params.id, req, reply))) return reply
        return { returns: await d.returns.listForOrder(req.params.id) }
      },
    )
  }
