import type { FastifyPluginAsync, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { PromotionsApi } from '../contract.ts'
import { createBodySchema, dateOf, errorSchema, listQuerySchema, patchBodySchema, promotionSchema } from './schemas.ts'
import { sendPromotionsError } from './send-error.ts'

const security = [{ bearerAuth: [] }]
const tags = ['admin: promotions']
const params = z.object({ id: z.string().min(1).max(64) })
const reply = {
  200: z.object({ promotion: promotionSchema }),
  201: z.object({ promotion: promotionSchema }),
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
}

/** Drops absent keys, so "not given" and "set to null" stay different. */
const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T

export const promotionsAdminRoutes =
  (d: { readonly promotions: PromotionsApi; readonly requireStaff: preHandlerHookHandler }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    // before validation, so a request without a token gets 401 whatever its body
    app.addHook('preValidation', d.requireStaff)

    app.get(
      '/promotions',
      {
        schema: {
          tags,
          security,
          summary: 'Promotions, newest first',
          querystring: listQuerySchema,
          response: { 200: z.object({ promotions: z.array(promotionSchema), next_cursor: z.string().nullable() }) },
        },
      },
      async (req) => {
        const q = req.query
        return d.promotions.listPromotions({
          limit: q.limit,
          ...(q.cursor && { cursor: q.cursor }),
          ...(q.q && { q: q.q }),
          ...(q.active !== undefined && { active: q.active }),
        })
      },
    )

    app.get(
      '/promotions/:id',
      {
        schema: {
          tags,
          security,
          params,
          summary: 'One promotion',
          response: { 200: z.object({ promotion: promotionSchema }), 404: errorSchema },
        },
      },
      async (req, res) => {
        const r = await d.promotions.getPromotion(req.params.id)
        return r.ok ? { promotion: r.value } : sendPromotionsError(res, r.error)
      },
    )

    app.post(
      '/promotions/:id/deactivate',
      {
        schema: {
          tags,
          security,
          params,
          summary: 'Stop a promotion at once (same as PATCH {active: false}); repeating it changes nothing',
          response: reply,
        },
      },
      async (req, res) => {
        const r = await d.promotions.updatePromotion(req.params.id, { active: false })
        return r.ok ? { promotion: r.value } : sendPromotionsError(res, r.error)
      },
    )

    app.post(
      '/promotions',
      {
        schema: {
          tags,
          security,
          summary: 'Create a promotion (with a code, or automatic when code is null)',
          body: createBodySchema,
          response: reply,
        },
      },
      async (req, res) => {
        const b = req.body
        const r = await d.promotions.createPromotion(defined({ ...b, starts_at: dateOf(b.starts_at), ends_at: dateOf(b.ends_at) }))
        return r.ok ? res.code(201).send({ promotion: r.value }) : sendPromotionsError(res, r.error)
      },
    )

    app.patch(
      '/promotions/:id',
      {
        schema: {
          tags,
          security,
          params,
          summary: 'Activate or deactivate a promotion, change its window or limits',
          body: patchBodySchema,
          response: reply,
        },
      },
      async (req, res) => {
        const b = req.body
        const r = await d.promotions.updatePromotion(
          req.params.id,
          defined({ ...b, starts_at: dateOf(b.starts_at), ends_at: dateOf(b.ends_at) }),
        )
        return r.ok ? { promotion: r.value } : sendPromotionsError(res, r.error)
      },
    )
  }
