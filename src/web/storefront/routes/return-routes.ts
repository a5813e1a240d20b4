import type { FastifyInstance } from 'fastify'
import type { ReturnsApi } from '../../../modules/returns/index.ts'
import { returnsHttpError } from '../../../modules/returns/index.ts'
import type { OrdersApi } from '../../../modules/orders/index.ts'
import type { PageKit } from '../page-kit.ts'
import { RETURN_ERROR_TEXT, RETURN_REASONS } from '../views/order-returns.ts'

type Form = Readonly<Record<string, string | undefined>>

const ID = /^[A-Za-z0-9_-]{1,128}$/

/**
 * POST /orders/:id/returns from the order page's form (the order's token in a hidden field): the
 * chosen quantities and reasons become a return request, then 303 back to the order page, which
 * shows the new return or why it was refused. Registered inside the shop routes (form parser, origin check).
 */
export const registerReturnRoutes = (
  app: FastifyInstance,
  kit: PageKit,
  d: { readonly returns: ReturnsApi; readonly orders: OrdersApi },
): void => {
  app.post<{ Params: { id: string } }>('/orders/:id/returns', async (req, reply) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Form
    const { id } = req.params
    const token = typeof body.token === 'string' ? body.token : ''
    const notFound = () =>
      kit.sendError(req, reply, {
        status: 404,
        heading: 'Order not found',
        detail: 'Please use the link from your order confirmation.',
        link: { href: '/orders/lookup', text: 'Find your order' },
      })
    if (!ID.test(id) || token.length === 0 || token.length > 256) return notFound()
    const order = await d.orders.getOrderForShopper({ id, accessToken: token })
    if (!order.ok) return notFound()
    const items = order.value.items.flatMap((i) => {
      const q = Number(body[`qty_${i.id}`] ?? '0')
      const reason = String(body[`reason_${i.id}`] ?? '').trim()
      const exchange = String(body[`exchange_${i.id}`] ?? '')
      if (!Number.isSafeInteger(q) || q <= 0) return []
      const line = { itemId: i.id, quantity: q, reason: (RETURN_REASONS as readonly string[]).includes(reason) ? reason : 'Other' }
      return [ID.test(exchange) ? { ...line, exchangeVariantId: exchange } : line]
    })
    const back = (extra: string) => `/orders/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}&${extra}#returns`
    if (items.length === 0) return reply.code(303).header('cache-control', 'private, no-store').redirect(back('return_error=none_chosen'))
    const r = await d.returns.requestReturn({ orderId: id, source: 'store', items })
    if (r.ok)
      return reply
        .code(303)
        .header('cache-control', 'private, no-store')
        .redirect(back(`return_requested=${encodeURIComponent(r.value.id)}`))
    const code = returnsHttpError(r.error).code
    return reply
      .code(303)
      .header('cache-control', 'private, no-store')
      .redirect(back(`return_error=${code in RETURN_ERROR_TEXT ? code : 'other'}`))
  })
}
