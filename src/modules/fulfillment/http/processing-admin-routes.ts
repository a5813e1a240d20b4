import type { FastifyPluginAsync, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { OrderProcessingApi } from '../processing-contract.ts'
import { SHIPMENT_STATUSES } from '../schema.ts'
import { sendProcessingError } from './send-processing-error.ts'

const security = [{ bearerAuth: [] }]
const tags = ['admin: orders']
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
const money = z.object({ amount: z.number().int(), currency: z.string() })
const orderSchema = z.record(z.string(), z.unknown()).describe('the order (see GET /admin/orders/{id})')
const idParams = z.object({ id: z.string().min(1).max(64) })
const noteBody = z.object({ note: z.string().trim().min(1).max(500).optional() }).optional()

const heldSchema = z.object({
  order_id: z.string(),
  number: z.string(),
  email: z.string(),
  country: z.string(),
  total: money,
  placed_at: z.string(),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
})

const shipmentSchema = z.object({
  id: z.string(),
  order_id: z.string(),
  location_id: z.string(),
  carrier: z.string(),
  carrier_shipment_id: z.string(),
  tracking_number: z.string(),
  tracking_url: z.string(),
  label_url: z.string(),
  service: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  items: z.array(z.object({ item_id: z.string(), variant_id: z.string(), sku: z.string(), title: z.string(), quantity: z.number().int() })),
  created_at: z.string(),
  shipped_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  events: z.array(z.object({ seq: z.number().int(), status: z.enum(SHIPMENT_STATUSES), description: z.string(), occurred_at: z.string() })),
})

/** Staff side of order processing: orders held for review (release, cancel), an order's parcels, carrier health. */
export const processingAdminRoutes =
  (d: { readonly processing: OrderProcessingApi; readonly requireStaff: preHandlerHookHandler }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.addHook('preValidation', d.requireStaff)
    app.addHook('onSend', async (_req, reply) => {
      reply.header('cache-control', 'private, no-store')
    })

    app.get(
      '/held-orders',
      {
        schema: {
          tags,
          security,
          summary: 'Orders the risk rules hold for review, oldest first, with the reasons',
          response: { 200: z.object({ held_orders: z.array(heldSchema) }) },
        },
      },
      async () => ({ held_orders: await d.processing.listHeld() }),
    )

    app.post(
      '/held-orders/:id/release',
      {
        schema: {
          tags,
          security,
          summary: 'Release a held order: back to placed, then allocated and shipped automatically',
          params: idParams,
          body: noteBody,
          response: { 200: z.object({ order: orderSchema }), 404: errorSchema, 409: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.processing.releaseHeld({ orderId: req.params.id, ...(req.body?.note && { note: req.body.note }) })
        return r.ok ? { order: r.value } : sendProcessingError(reply, r.error)
      },
    )

    app.post(
      '/held-orders/:id/cancel',
      {
        schema: {
          tags,
          security,
          summary: 'Cancel a held order: stock and promotion uses given back, payment voided (repeat to retry a failed void)',
          params: idParams,
          body: noteBody,
          response: { 200: z.object({ order: orderSchema }), 404: errorSchema, 409: errorSchema, 502: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.processing.cancelHeld({ orderId: req.params.id, ...(req.body?.note && { note: req.body.note }) })
        return r.ok ? { order: r.value } : sendProcessingError(reply, r.error)
      },
    )

    app.get(
      '/orders/:id/shipments',
      {
        schema: {
          tags,
          security,
          summary: "An order's parcels with their tracking events ([] before allocation)",
          params: idParams,
          response: { 200: z.object({ shipments: z.array(shipmentSchema) }) },
        },
      },
      async (req) => ({ shipments: await d.processing.listShipments(req.params.id) }),
    )

    app.get(
      '/carriers',
      {
        schema: {
          tags: ['admin: shipping'],
          security,
          summary: 'Configured carriers and their circuit breakers (since this process started)',
          response: {
            200: z.object({
              carriers: z.array(
                z.object({
                  name: z.string(),
                  breaker: z.enum(['closed', 'open', 'half_open']),
                  attempts: z.number().int(),
                  failures: z.number().int(),
                  skipped: z.number().int(),
                  last_error: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async () => ({
        carriers: d.processing.carrierStatus().map((s) => ({
          name: s.name,
          breaker: s.breaker,
          attempts: s.attempts,
          failures: s.failures,
          skipped: s.skipped,
          last_error: s.lastError,
        })),
      }),
    )
  }
