import type { FastifyPluginAsync, FastifyRequest, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { CheckoutApi } from '../contract.ts'
import { sendCheckoutError } from './error-status.ts'

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
const orderSchema = z
  .record(z.string(), z.unknown())
  .describe('the order (see GET /store/orders/{id}), plus access_token in the checkout response')
const text = (max: number) => z.string().trim().min(1).max(max)

export const checkoutBodySchema = z.object({
  email: z.string().trim().max(254).email(),
  shipping_address: z.object({
    name: text(200),
    line1: text(200),
    line2: z.string().trim().max(200).optional(),
    city: text(100),
    region: z.string().trim().max(100).optional(),
    postal_code: text(20),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'a two-letter ISO country code')
      .transform((c) => c.toUpperCase()),
    phone: z.string().trim().max(40).optional(),
  }),
  shipping_option_id: text(64),
  payment: z.object({ provider: text(40), token: text(200) }),
})

export const checkoutStoreRoutes =
  (d: {
    readonly checkout: CheckoutApi
    /** the signed-in customer's id (wired by the app): a checkout made while signed in belongs to them (API.md) */
    readonly customerIdOf?: (req: FastifyRequest) => string | undefined
  }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.post(
      '/carts/:id/checkout',
      {
        config: { routeClass: 'checkout' },
        // a flash-sale buyer past the last unit is answered before the body is read or checked (decision 0008);
        // a request with an Idempotency-Key goes the whole way, so a replay still gets its first answer
        onRequest: async (req, reply) => {
          const cartId = (req.params as { id: string }).id
          if (req.headers['idempotency-key'] !== undefined || cartId.length > 64) return
          const soldOut = await d.checkout.soldOutAtOnce(cartId)
          if (soldOut) return sendCheckoutError(reply, soldOut)
        },
        schema: {
          tags: ['store: checkout'],
          summary: 'Place the order: reserve stock, create the order, authorise payment (honours Idempotency-Key)',
          params: z.object({ id: z.string().min(1).max(64) }),
          body: checkoutBodySchema,
          response: {
            201: z.object({ order: orderSchema }),
            402: errorSchema,
            404: errorSchema,
            409: errorSchema,
            422: errorSchema,
            503: errorSchema,
          },
        },
      },
      async (req, reply) => {
        const b = req.body
        const customerId = d.customerIdOf?.(req)
        const r = await d.checkout.placeOrder({
          cartId: req.params.id,
          email: b.email,
          shippingOptionId: b.shipping_option_id,
          payment: b.payment,
          ...(customerId && { customerId }),
          shippingAddress: {
            name: b.shipping_address.name,
            line1: b.shipping_address.line1,
            city: b.shipping_address.city,
            postal_code: b.shipping_address.postal_code,
            country: b.shipping_address.country,
            ...(b.shipping_address.line2 && { line2: b.shipping_address.line2 }),
            ...(b.shipping_address.region && { region: b.shipping_address.region }),
            ...(b.shipping_address.phone && { phone: b.shipping_address.phone }),
          },
        })
        if (!r.ok) return sendCheckoutError(reply, r.error)
        return reply
          .code(201)
          .header('cache-control', 'private, no-store')
          .send({ order: { ...r.value.order, access_token: r.value.accessToken } })
      },
    )
  }

export const checkoutAdminRoutes =
  (d: { readonly checkout: CheckoutApi; readonly requireStaff: preHandlerHookHandler }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.addHook('preHandler', d.requireStaff)
    const tags = ['admin: orders']
    const security = [{ bearerAuth: [] }]
    app.post(
      '/orders/:id/cancel',
      {
        schema: {
          tags,
          security,
          summary: 'Cancel an unfulfilled order: void or refund payment, give stock back',
          params: z.object({ id: z.string().min(1).max(64) }),
          body: z.object({ note: z.string().max(500).optional() }).optional(),
          response: { 200: z.object({ order: orderSchema }), 404: errorSchema, 409: errorSchema, 503: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.checkout.cancelOrder(req.params.id, req.body?.note ?? 'canceled by staff')
        return r.ok ? { order: r.value } : sendCheckoutError(reply, r.error)
      },
    )
    app.put(
      '/flash-sales/:variant_id',
      {
        schema: {
          tags: ['admin: flash sales'],
          security,
          summary: 'Open (gate at current stock) or close a flash sale for a variant',
          params: z.object({ variant_id: z.string().min(1).max(64) }),
          body: z.object({ active: z.boolean() }),
          response: { 200: z.object({ variant_id: z.string(), active: z.boolean(), units: z.number().int().nullable() }) },
        },
      },
      async (req) => {
        if (!req.body.active) {
          await d.checkout.closeFlashSale(req.params.variant_id)
          return { variant_id: req.params.variant_id, active: false, units: null }
        }
        const { units } = await d.checkout.openFlashSale(req.params.variant_id)
        return { variant_id: req.params.variant_id, active: true, units }
      },
    )
  }
