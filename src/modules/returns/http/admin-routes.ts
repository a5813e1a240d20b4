import type { FastifyPluginAsync, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { ReturnsApi } from '../contract.ts'
import { RETURN_STATUSES } from '../schema.ts'
import { errorSchema, idParams, manyReturns, oneReturn, receiveBodySchema, requestBodySchema, returnSchema, toRequest } from './schemas.ts'
import { sendReturnsError } from './send-error.ts'

export type ReturnsAdminRoutesDeps = { readonly returns: ReturnsApi; readonly requireStaff: preHandlerHookHandler }

const security = [{ bearerAuth: [] }]
const tags = ['admin: returns']
const errors = { 400: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema, 503: errorSchema }

const listQuery = z.object({
  status: z.enum(RETURN_STATUSES).optional(),
  order_id: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
})

export const returnsAdminRoutes =
  (d: ReturnsAdminRoutesDeps): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.addHook('preHandler', d.requireStaff)
    app.addHook('onSend', async (_req, reply) => {
      reply.header('cache-control', 'private, no-store')
    })
    const one = { tags, security, params: idParams, response: { 200: oneReturn, ...errors } }

    app.get(
      '/returns',
      {
        schema: {
          tags,
          security,
          summary: 'Returns, newest first',
          querystring: listQuery,
          response: { 200: z.object({ returns: z.array(returnSchema), next_cursor: z.string().nullable() }), 400: errorSchema },
        },
      },
      async (req, reply) => {
        const q = req.query
        const r = await d.returns.listReturns({
          limit: q.limit,
          ...(q.status && { status: q.status }),
          ...(q.order_id && { orderId: q.order_id }),
          ...(q.cursor && { cursor: q.cursor }),
        })
        return r.ok ? r.value : sendReturnsError(reply, r.error)
      },
    )

    app.get('/returns/:id', { schema: { ...one, summary: 'One return with its items and steps' } }, async (req, reply) => {
      const r = await d.returns.getReturn(req.params.id)
      return r.ok ? { return: r.value } : sendReturnsError(reply, r.error)
    })

    app.get(
      '/orders/:id/returns',
      {
        schema: {
          tags,
          security,
          params: idParams,
          summary: "An order's returns (and, for an exchange order, the return it replaces)",
          response: { 200: manyReturns },
        },
      },
      async (req) => ({
        returns: await d.returns.listForOrder(req.params.id),
      }),
    )

    app.post(
      '/orders/:id/returns',
      {
        schema: {
          tags,
          security,
          params: idParams,
          body: requestBodySchema,
          summary: 'Record a return for a shopper (the policy applies)',
          response: { 201: oneReturn, ...errors },
        },
      },
      async (req, reply) => {
        const r = await d.returns.requestReturn({
          orderId: req.params.id,
          source: 'admin',
          items: toRequest(req.body),
          ...(req.body.note && { note: req.body.note }),
        })
        return r.ok ? reply.code(201).send({ return: r.value }) : sendReturnsError(reply, r.error)
      },
    )

    app.post(
      '/returns/:id/approve',
      {
        schema: {
          ...one,
          body: z.object({ note: z.string().trim().max(500).optional() }).optional(),
          summary: 'Approve: exchanges get their replacement reserved and a linked order; then the return label',
        },
      },
      async (req, reply) => {
        const note = req.body?.note
        const r = await d.returns.approveReturn({ returnId: req.params.id, ...(note && { note }) })
        return r.ok ? { return: r.value } : sendReturnsError(reply, r.error)
      },
    )

    app.post(
      '/returns/:id/reject',
      {
        schema: {
          ...one,
          body: z.object({ reason: z.string().trim().min(1).max(500) }),
          summary: 'Reject, with the reason the shopper is told',
        },
      },
      async (req, reply) => {
        const r = await d.returns.rejectReturn({ returnId: req.params.id, reason: req.body.reason })
        return r.ok ? { return: r.value } : sendReturnsError(reply, r.error)
      },
    )

    app.post(
      '/returns/:id/label',
      { schema: { ...one, summary: "The carrier's return label (again, if it failed at approval); idempotent" } },
      async (req, reply) => {
        const r = await d.returns.createLabel({ returnId: req.params.id })
        return r.ok ? { return: r.value } : sendReturnsError(reply, r.error)
      },
    )

    app.post(
      '/returns/:id/receive',
      {
        schema: {
          ...one,
          body: receiveBodySchema,
          summary: 'Record the parcel: sellable units restocked at the chosen location, damaged ones written off; then the refund',
        },
      },
      async (req, reply) => {
        const b = req.body
        const r = await d.returns.receiveReturn({
          returnId: req.params.id,
          items: b.items.map((i) => ({ id: i.id, condition: i.condition, ...(i.location_id && { locationId: i.location_id }) })),
          ...(b.location_id && { locationId: b.location_id }),
          ...(b.note && { note: b.note }),
        })
        return r.ok ? { return: r.value } : sendReturnsError(reply, r.error)
      },
    )

    app.post(
      '/returns/:id/refund',
      { schema: { ...one, summary: 'Refund a received return through the original gateway (once, whatever the retries)' } },
      async (req, reply) => {
        const r = await d.returns.refundReturn({ returnId: req.params.id })
        return r.ok ? { return: r.value } : sendReturnsError(reply, r.error)
      },
    )
  }
