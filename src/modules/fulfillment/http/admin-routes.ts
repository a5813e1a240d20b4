import type { FastifyPluginAsync, FastifyReply, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorBody } from '../../../platform/http/error-body.ts'
import { SUPPORTED_CURRENCIES } from '../../../platform/money/money.ts'
import type { ShippingApi } from '../contract.ts'
import { MAX_AMOUNT } from '../domain/validate-shipping.ts'
import type { FulfillmentError } from '../errors.ts'
import { fulfillmentHttpError } from './error-status.ts'

const security = [{ bearerAuth: [] }]
const tags = ['admin: shipping']
const amount = z.number().int().min(0).max(MAX_AMOUNT)
const optionSchema = z.object({
  id: z.string(),
  zone_id: z.string(),
  name: z.string(),
  kind: z.enum(['flat', 'weight']),
  currency: z.string(),
  amount: z.number().int().describe('minor units'),
  per_kg: z.number().int().describe('weight: minor units per started kilogram'),
  free_above: z.number().int().nullable().describe('free when the subtotal is at least this'),
  position: z.number().int(),
})
const zoneSchema = z.object({ id: z.string(), name: z.string(), countries: z.array(z.string()), options: z.array(optionSchema) })
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })

const sendError = (reply: FastifyReply, e: FulfillmentError) => {
  const { status, code } = fulfillmentHttpError(e)
  if (e.code === 'FULFILLMENT_INVALID_INPUT') {
    return reply.code(status).send(errorBody(code, e.message, { in: 'body', fields: [{ field: e.field, message: e.message }] }))
  }
  const { code: _internal, message, ...details } = e
  return reply.code(status).send(errorBody(code, message, details))
}

export const shippingAdminRoutes =
  (d: { readonly shipping: ShippingApi; readonly requireStaff: preHandlerHookHandler }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    // before validation, so a request without a token gets 401 whatever its body
    app.addHook('preValidation', d.requireStaff)

    app.get(
      '/shipping/zones',
      {
        schema: {
          tags,
          security,
          summary: 'Shipping zones with their options',
          response: { 200: z.object({ zones: z.array(zoneSchema) }) },
        },
      },
      async () => ({ zones: await d.shipping.listZones() }),
    )

    app.post(
      '/shipping/zones',
      {
        schema: {
          tags,
          security,
          summary: 'Create a zone: ISO country codes, or ["*"] for the rest of the world',
          body: z.object({
            name: z.string().min(1).max(100),
            countries: z
              .array(z.string().regex(/^([A-Za-z]{2}|\*)$/))
              .min(1)
              .max(250),
          }),
          response: { 201: z.object({ zone: zoneSchema }), 409: errorSchema, 422: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.shipping.createZone(req.body)
        return r.ok ? reply.code(201).send({ zone: r.value }) : sendError(reply, r.error)
      },
    )

    app.post(
      '/shipping/options',
      {
        schema: {
          tags,
          security,
          summary: 'Add a shipping option to a zone (one currency per option)',
          body: z.object({
            zone_id: z.string().min(1).max(64),
            name: z.string().min(1).max(100),
            kind: z.enum(['flat', 'weight']),
            currency: z.enum(SUPPORTED_CURRENCIES),
            amount,
            per_kg: amount.optional(),
            free_above: amount.nullable().optional(),
            position: z.number().int().min(0).max(10_000).optional(),
          }),
          response: { 201: z.object({ option: optionSchema }), 422: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.shipping.createOption(req.body)
        return r.ok ? reply.code(201).send({ option: r.value }) : sendError(reply, r.error)
      },
    )
  }
