import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { CatalogApi } from '../contract.ts'
import { errorSchema, priceScheduleInputSchema, priceScheduleListQuerySchema, priceScheduleSchema } from './schemas.ts'
import { sendCatalogError } from './send-error.ts'

const security = [{ bearerAuth: [] }]
const tags = ['admin: price schedules']
const params = z.object({ id: z.string().min(1).max(64) })
const one = z.object({ price_schedule: priceScheduleSchema })

/**
 * Campaign prices: a batch of variants gets a price for a window, all or nothing. Registered inside the catalog
 * admin plugin, so it shares its prefix and its staff check.
 */
export const registerPriceScheduleRoutes = (root: FastifyInstance, catalog: CatalogApi): void => {
  const app = root.withTypeProvider<ZodTypeProvider>()

  app.post(
    '/price-schedules',
    {
      schema: {
        tags,
        security,
        summary: 'Schedule campaign prices for one or many variants over one window (all or nothing)',
        body: priceScheduleInputSchema,
        response: { 201: z.object({ price_schedules: z.array(priceScheduleSchema) }), 422: errorSchema },
      },
    },
    async (req, reply) => {
      const b = req.body
      const r = await catalog.priceSchedules.create({ starts_at: new Date(b.starts_at), ends_at: new Date(b.ends_at), items: b.items })
      return r.ok ? reply.code(201).send({ price_schedules: r.value }) : sendCatalogError(reply, r.error)
    },
  )

  app.get(
    '/price-schedules',
    {
      schema: {
        tags,
        security,
        summary: 'Price schedules, latest start first; filter by variant, product and status',
        querystring: priceScheduleListQuerySchema,
        response: {
          200: z.object({ price_schedules: z.array(priceScheduleSchema), next_cursor: z.string().nullable() }),
          400: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const q = req.query
      const r = await catalog.priceSchedules.list({
        ...(q.variant_id && { variantId: q.variant_id }),
        ...(q.product_id && { productId: q.product_id }),
        ...(q.status && { status: q.status }),
        ...(q.cursor && { cursor: q.cursor }),
        limit: q.limit,
      })
      return r.ok ? r.value : sendCatalogError(reply, r.error)
    },
  )

  app.get(
    '/price-schedules/:id',
    {
      schema: { tags, security, summary: 'One price schedule', params, response: { 200: one, 404: errorSchema } },
    },
    async (req, reply) => {
      const r = await catalog.priceSchedules.get(req.params.id)
      return r.ok ? { price_schedule: r.value } : sendCatalogError(reply, r.error)
    },
  )

  app.post(
    '/price-schedules/:id/end',
    {
      schema: {
        tags,
        security,
        summary: 'End an active campaign price now (the record stays, ended)',
        params,
        response: { 200: one, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req, reply) => {
      const r = await catalog.priceSchedules.end(req.params.id)
      return r.ok ? { price_schedule: r.value } : sendCatalogError(reply, r.error)
    },
  )

  app.delete(
    '/price-schedules/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Delete a price schedule in any state (an active one stops applying at once)',
        params,
        response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }), 404: errorSchema },
      },
    },
    async (req, reply) => {
      const r = await catalog.priceSchedules.remove(req.params.id)
      return r.ok ? { id: r.value.id, deleted: true as const } : sendCatalogError(reply, r.error)
    },
  )
}
