import type { FastifyPluginAsync, FastifyReply, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorBody } from '../../../platform/http/error-body.ts'
import { assertNever } from '../../../platform/result.ts'
import type { InventoryApi } from '../contract.ts'
import type { InventoryError } from '../errors.ts'

const stockSchema = z.object({
  variant_id: z.string(),
  levels: z.array(z.object({ location_id: z.string(), on_hand: z.number().int(), reserved: z.number().int() })),
})
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
const params = z.object({ variant_id: z.string().min(1).max(64) })
const security = [{ bearerAuth: [] }]
const tags = ['admin: inventory']

const statusOf = (e: InventoryError): [number, string] => {
  switch (e.code) {
    case 'INVENTORY_UNKNOWN_VARIANT':
      return [404, 'not_found']
    case 'INVENTORY_UNKNOWN_LOCATION':
      return [422, 'unknown_location']
    case 'INVENTORY_BELOW_RESERVED':
      return [422, 'below_reserved']
    case 'INVENTORY_INVALID_QUANTITY':
      return [422, 'invalid_quantity']
    case 'INVENTORY_INSUFFICIENT_STOCK':
      return [409, 'out_of_stock']
    default:
      return assertNever(e)
  }
}

const sendError = (reply: FastifyReply, e: InventoryError) => {
  const [status, code] = statusOf(e)
  const { code: _c, message, ...details } = e
  return reply.code(status).send(errorBody(code, message, Object.keys(details).length ? details : undefined))
}

export const inventoryAdminRoutes =
  (d: { readonly inventory: InventoryApi; readonly requireStaff: preHandlerHookHandler }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.addHook('preHandler', d.requireStaff)

    app.get(
      '/inventory/:variant_id',
      {
        schema: { tags, security, summary: 'Stock of a variant per location', params, response: { 200: stockSchema, 404: errorSchema } },
      },
      async (req, reply) => {
        const r = await d.inventory.getStock(req.params.variant_id)
        return r.ok ? r.value : sendError(reply, r.error)
      },
    )

    app.put(
      '/inventory/:variant_id',
      {
        schema: {
          tags,
          security,
          params,
          summary: 'Set on-hand units at a location (default: the default location)',
          body: z.object({ on_hand: z.number().int().min(0).max(10_000_000), location_id: z.string().min(1).max(64).optional() }),
          response: { 200: stockSchema, 404: errorSchema, 422: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.inventory.setOnHand({
          variantId: req.params.variant_id,
          onHand: req.body.on_hand,
          ...(req.body.location_id && { locationId: req.body.location_id }),
        })
        return r.ok ? r.value : sendError(reply, r.error)
      },
    )

    app.get(
      '/stock-locations',
      {
        schema: {
          tags,
          security,
          summary: 'Stock locations',
          response: {
            200: z.object({
              locations: z.array(z.object({ id: z.string(), name: z.string(), serves_storefront: z.boolean(), is_default: z.boolean() })),
            }),
          },
        },
      },
      async () => ({ locations: await d.inventory.listLocations() }),
    )
  }
