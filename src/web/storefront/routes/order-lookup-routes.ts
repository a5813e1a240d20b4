import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Shipment } from '../../../modules/fulfillment/index.ts'
import type { Order, OrdersApi } from '../../../modules/orders/index.ts'
import { echo, readForm } from '../forms/read-form.ts'
import { orderLookupForm } from '../forms/shop-forms.ts'
import { createLookupLimiter } from '../lookup-limiter.ts'
import type { PageKit } from '../page-kit.ts'
import { type LookupView, orderLookupPage } from '../pages/order-lookup-page.ts'
import type { ReturnsApi } from '../../../modules/returns/index.ts'
import { orderPage } from '../pages/order-page.ts'
import { orderReturns } from '../views/order-returns.ts'

export type LookupDeps = {
  readonly orders: OrdersApi
  readonly shipments?: (orderId: string) => Promise<Shipment[]>
  /** the order's returns and their steps (read-only here: the return form needs the order's link) */
  readonly returns?: ReturnsApi
}

type Form = Readonly<Record<string, string | undefined>>

const NUMBER = /^\d{1,18}$/
/** attempts per client address and window: a shopper mistyping is fine, guessing is slow */
export const LOOKUP_LIMIT = { max: 10, windowMs: 10 * 60_000 } as const
/** how far back one e-mail's orders are searched (pages of 100, newest first) */
const PAGES = 10

/** The order with that number among the e-mail's orders (case-insensitive), newest first; null when none. */
const findOrder = async (orders: OrdersApi, number: string, email: string): Promise<Order | null> => {
  let cursor: string | undefined
  for (let page = 0; page < PAGES; page++) {
    const r = await orders.listOrders({ email, limit: 100, ...(cursor && { cursor }) })
    if (!r.ok) return null
    const hit = r.value.orders.find((o) => o.number === number)
    if (hit) return hit
    if (!r.value.next_cursor) return null
    cursor = r.value.next_cursor
  }
  return null
}

/**
 * /orders/lookup: the order number and e-mail address lead to the order's page, without the
 * access token from checkout (e-mails link here). Limited per client address; a miss never says
 * which of the two was wrong.
 */
export const registerOrderLookupRoutes = (app: FastifyInstance, kit: PageKit, d: LookupDeps): void => {
  const limiter = createLookupLimiter(LOOKUP_LIMIT)
  const show = (req: FastifyRequest, reply: FastifyReply, status: number, v: LookupView) =>
    kit.sendPrivate(req, reply, status, (shell) => orderLookupPage(shell, v))

  app.get('/orders/lookup', async (req, reply) => {
    const q = (req.query ?? {}) as Form
    const number = typeof q.number === 'string' && NUMBER.test(q.number.trim()) ? q.number.trim() : ''
    return show(req, reply, 200, { number, email: '' })
  })

  app.post('/orders/lookup', async (req, reply) => {
    const form = readForm(orderLookupForm, req.body)
    if (!form.ok) {
      const again = { number: echo(req.body, 'number', 20).replace(/^#/, ''), email: echo(req.body, 'email', 254) }
      return show(req, reply, 422, { ...again, errors: form.errors })
    }
    const { number, email } = form.value
    const wait = limiter.take(req.ip)
    if (wait > 0) {
      reply.header('retry-after', String(wait))
      return show(req, reply, 429, {
        number,
        email,
        errors: { general: 'Too many look-ups from here. Please wait a few minutes and try again.' },
      })
    }
    const order = await findOrder(d.orders, number, email)
    const found = order && (await d.orders.getOrder(order.id))
    if (!found?.ok) {
      const general = 'We could not find an order with that number and e-mail address. Please check both and try again.'
      return show(req, reply, 404, { number, email, errors: { general } })
    }
    const shipments = (await d.shipments?.(found.value.id)) ?? []
    const returns = d.returns && orderReturns(found.value, { returns: await d.returns.listForOrder(found.value.id) })
    return kit.sendPrivate(req, reply, 200, (shell) =>
      orderPage(shell, found.value, {
        justPlaced: false,
        taxInclusive: kit.deps.config.PRICES_INCLUDE_TAX,
        shipments,
        ...(returns && { returns }),
      }),
    )
  })
}
