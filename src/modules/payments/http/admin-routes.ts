import type { FastifyPluginAsync, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { PaymentsApi } from '../contract.ts'

const money = z.object({ amount: z.number().int(), currency: z.string() })
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
const orderId = z.string().min(1).max(64)

const gatewaySchema = z.object({
  name: z.string(),
  provider: z.string(),
  priority: z.number().int(),
  breaker: z.enum(['closed', 'open', 'half_open']),
  attempts: z.number().int(),
  failures: z.number().int(),
  skipped: z.number().int(),
  last_error: z.string().nullable(),
})
const attemptSchema = z.object({
  id: z.string(),
  order_id: z.string(),
  gateway: z.string(),
  operation: z.enum(['authorize', 'capture', 'void', 'refund']),
  outcome: z.enum(['succeeded', 'declined', 'failed', 'skipped', 'ambiguous', 'resolved']),
  amount: money,
  gateway_ref: z.string().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number().int(),
  created_at: z.string(),
})
const paymentSchema = z.object({
  order_id: z.string(),
  gateway: z.string(),
  gateway_ref: z.string(),
  status: z.enum(['authorized', 'captured', 'voided', 'refunded', 'partially_refunded']),
  amount: money,
  captured: money,
  refunded: money,
  created_at: z.string(),
  updated_at: z.string(),
})

const security = [{ bearerAuth: [] }]
const tags = ['admin: payments']

/** Staff views of the payment gateways (breaker state) and of the payment ledger. */
export const paymentsAdminRoutes =
  (d: { readonly payments: PaymentsApi; readonly requireStaff: preHandlerHookHandler }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.addHook('preHandler', d.requireStaff)

    app.get(
      '/payments/gateways',
      {
        schema: {
          tags,
          security,
          summary: 'Payment gateways in priority order, with circuit-breaker state and counters (this process)',
          response: { 200: z.object({ gateways: z.array(gatewaySchema) }) },
        },
      },
      async () => ({ gateways: d.payments.gatewayStatus() }),
    )

    app.get(
      '/payments/attempts',
      {
        schema: {
          tags,
          security,
          summary: 'The payment ledger of an order: every gateway call, oldest first',
          querystring: z.object({ order_id: orderId }),
          response: { 200: z.object({ attempts: z.array(attemptSchema) }), 400: errorSchema },
        },
      },
      async (req) => ({ attempts: await d.payments.listAttempts(req.query.order_id) }),
    )

    app.get(
      '/payments/orders/:order_id',
      {
        schema: {
          tags,
          security,
          summary: "An order's payment: authorised, captured and refunded amounts",
          params: z.object({ order_id: orderId }),
          response: { 200: z.object({ payment: paymentSchema }), 404: errorSchema },
        },
      },
      async (req, reply) => {
        const payment = await d.payments.getPayment(req.params.order_id)
        return payment
          ? { payment }
          : reply.code(404).send({ error: { code: 'not_found', message: `Order ${req.params.order_id} has no payment.` } })
      },
    )
  }
