import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { CartApi } from '../contract.ts'
import { sendCartError } from './error-status.ts'
import { cartParams, cartReply, cartSchema, errorSchema, itemParams, moneySchema, quantitySchema } from './schemas.ts'

const tags = ['store: cart']

export const cartStoreRoutes =
  (d: { readonly cart: CartApi; readonly defaultCountry: string }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.addHook('onSend', (_req, reply, payload, done) => {
      reply.header('cache-control', 'private, no-store')
      done(null, payload)
    })

    app.post(
      '/carts',
      {
        schema: {
          tags,
          summary: 'Create a cart',
          body: z.object({ currency: z.string().length(3).optional() }).optional(),
          response: { 201: z.object({ cart: cartSchema }), 422: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.cart.createCart({ ...(req.body?.currency && { currency: req.body.currency.toUpperCase() }) })
        return r.ok ? reply.code(201).send({ cart: r.value }) : sendCartError(reply, r.error)
      },
    )

    app.get(
      '/carts/:id',
      { schema: { tags, summary: 'A cart with its totals', params: cartParams, response: cartReply } },
      async (req, reply) => {
        const r = await d.cart.getCart(req.params.id)
        return r.ok ? { cart: r.value } : sendCartError(reply, r.error)
      },
    )

    app.post(
      '/carts/:id/items',
      {
        schema: {
          tags,
          summary: 'Add a variant (merges with an existing line)',
          params: cartParams,
          body: z.object({ variant_id: z.string().min(1).max(64), quantity: quantitySchema }),
          response: cartReply,
        },
      },
      async (req, reply) => {
        const r = await d.cart.addItem(req.params.id, { variantId: req.body.variant_id, quantity: req.body.quantity })
        return r.ok ? { cart: r.value } : sendCartError(reply, r.error)
      },
    )

    app.patch(
      '/carts/:id/items/:item_id',
      {
        schema: {
          tags,
          summary: 'Change a line quantity (0 removes it)',
          params: itemParams,
          body: z.object({ quantity: z.number().int().min(0).max(10_000) }),
          response: cartReply,
        },
      },
      async (req, reply) => {
        const r = await d.cart.updateItem(req.params.id, req.params.item_id, req.body.quantity)
        return r.ok ? { cart: r.value } : sendCartError(reply, r.error)
      },
    )

    app.delete(
      '/carts/:id/items/:item_id',
      { schema: { tags, summary: 'Remove a line', params: itemParams, response: cartReply } },
      async (req, reply) => {
        const r = await d.cart.removeItem(req.params.id, req.params.item_id)
        return r.ok ? { cart: r.value } : sendCartError(reply, r.error)
      },
    )

    app.post(
      '/carts/:id/discounts',
      {
        schema: {
          tags,
          summary: 'Apply a discount code',
          params: cartParams,
          body: z.object({ code: z.string().trim().min(1).max(40) }),
          response: cartReply,
        },
      },
      async (req, reply) => {
        const r = await d.cart.applyDiscount(req.params.id, req.body.code)
        return r.ok ? { cart: r.value } : sendCartError(reply, r.error)
      },
    )

    app.delete(
      '/carts/:id/discounts',
      { schema: { tags, summary: 'Remove the discount code', params: cartParams, response: cartReply } },
      async (req, reply) => {
        const r = await d.cart.applyDiscount(req.params.id, null)
        return r.ok ? { cart: r.value } : sendCartError(reply, r.error)
      },
    )

    app.get(
      '/carts/:id/shipping-options',
      {
        schema: {
          tags,
          summary: 'Shipping options for the cart and a destination country',
          params: cartParams,
          querystring: z.object({
            country: z
              .string()
              .length(2)
              .regex(/^[A-Za-z]{2}$/)
              .optional(),
          }),
          response: {
            200: z.object({ shipping_options: z.array(z.object({ id: z.string(), name: z.string(), amount: moneySchema })) }),
            404: errorSchema,
            409: errorSchema,
          },
        },
      },
      async (req, reply) => {
        const r = await d.cart.shippingOptions(req.params.id, (req.query.country ?? d.defaultCountry).toUpperCase())
        return r.ok ? { shipping_options: r.value } : sendCartError(reply, r.error)
      },
    )
  }
