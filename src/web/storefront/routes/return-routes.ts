import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Shipment } from '../../../modules/fulfillment/index.ts'
import type { Order, OrdersApi } from '../../../modules/orders/index.ts'
import type { ReturnsApi } from '../../../modules/returns/index.ts'
import { returnsHttpError } from '../../../modules/returns/index.ts'
import { exchangeChoices } from '../exchange-choices.ts'
import { readForm } from '../forms/read-form.ts'
import { returnRequestForm } from '../forms/shop-forms.ts'
import type { PageKit } from '../page-kit.ts'
import { orderPage } from '../pages/order-page.ts'
import { orderReturns, RETURN_ERROR_TEXT } from '../views/order-returns.ts'

const ID = /^[A-Za-z0-9_-]{1,128}$/

/**
 * POST /orders/:id/returns from the order page's form (the order's token in a hidden field): the
 * chosen quantities and reasons, read through the form's zod schema, become a return request, then
 * 303 back to the order page, which shows the new return or why it was refused. A malformed form
 * (a quantity that is no whole number, a reason not offered, a bad variant id) gets the order page
 * back at once with 422 and the form's error, and nothing is written. Registered inside the shop
 * routes (form parser, origin check).
 */
export const registerReturnRoutes = (
  app: FastifyInstance,
  kit: PageKit,
  d: { readonly returns: ReturnsApi; readonly orders: OrdersApi; readonly shipments?: (orderId: string) => Promise<Shipment[]> },
): void => {
  /** The order page with the return form's error, as GET /orders/:id shows it. */
  const showOrder = async (req: FastifyRequest, reply: FastifyReply, status: number, o: Order, token: string, error: string) => {
    const returns = orderReturns(o, {
      returns: await d.returns.listForOrder(o.id),
      exchangeChoices: await exchangeChoices(kit.deps.catalog, o),
      token,
      error,
    })
    const shipments = (await d.shipments?.(o.id)) ?? []
    return kit.sendPrivate(req, reply, status, (shell) =>
      orderPage(shell, o, { justPlaced: false, taxInclusive: kit.deps.config.PRICES_INCLUDE_TAX, shipments, returns }),
    )
  }

  app.post<{ Params: { id: string } }>('/orders/:id/returns', async (req, reply) => {
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {}
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
    const form = readForm(returnRequestForm(order.value.items.map((i) => i.id)), body)
    if (!form.ok) return showOrder(req, reply, 422, order.value, token, 'invalid_request')
    const v = form.value as Readonly<Record<string, string | number>>
    const items = order.value.items.flatMap((i) => {
      const quantity = v[`qty_${i.id}`] as number
      if (quantity <= 0) return []
      const exchange = v[`exchange_${i.id}`] as string
      const line = { itemId: i.id, quantity, reason: v[`reason_${i.id}`] as string }
      return [exchange ? { ...line, exchangeVariantId: exchange } : line]
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
