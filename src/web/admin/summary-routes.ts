import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { LowStock } from '../../modules/inventory/index.ts'
import type { OrderSummary } from '../../modules/orders/index.ts'

export type SummaryDeps = {
  readonly orderSummary: (q: { since: Date; minutesSince: Date; top: number }) => Promise<OrderSummary>
  readonly lowStock: (q: { atOrBelow: number; limit: number }) => Promise<readonly LowStock[]>
  readonly variantNames: (
    ids: readonly string[],
  ) => Promise<ReadonlyMap<string, { readonly sku: string; readonly title: string; readonly product_title: string }>>
  readonly clock: { readonly now: () => Date }
}

const money = z.object({ amount: z.number().int(), currency: z.string().length(3) })
const summarySchema = z.object({
  since: z.string().describe('start of the current UTC day'),
  orders_today: z.number().int(),
  revenue_today: z.array(money).describe('totals of today’s orders (placed, not canceled), one per currency'),
  orders_per_minute: z
    .array(z.object({ minute: z.string(), orders: z.number().int() }))
    .describe('one entry per minute of the window, zeros included'),
  top_products: z.array(z.object({ variant_id: z.string(), sku: z.string(), title: z.string(), units: z.number().int() })),
  low_stock: z.array(
    z.object({ variant_id: z.string(), sku: z.string(), title: z.string(), product_title: z.string(), available: z.number().int() }),
  ),
})
const querySchema = z.object({
  minutes: z.coerce.number().int().min(5).max(240).default(60).describe('width of the orders-per-minute window'),
  low_stock_at: z.coerce.number().int().min(0).max(1000).default(5).describe('alert at or below this many sellable units'),
})

/** Fills the minutes without orders with zeros, so a chart's x axis is even. */
export const everyMinute = (from: Date, to: Date, counts: readonly { minute: string; orders: number }[]) => {
  const by = new Map(counts.map((c) => [c.minute, c.orders]))
  const out: { minute: string; orders: number }[] = []
  const start = Math.floor(from.getTime() / 60_000) * 60_000
  for (let t = start; t <= to.getTime(); t += 60_000) {
    const minute = new Date(t).toISOString()
    out.push({ minute, orders: by.get(minute) ?? 0 })
  }
  return out
}

/** `GET /admin/reports/summary`: the dashboard's figures (docs/admin-app.md); permission `reports:read`. */
export const summaryRoutes =
  (d: SummaryDeps): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.get(
      '/reports/summary',
      {
        schema: {
          tags: ['admin: reports'],
          security: [{ bearerAuth: [] }],
          summary: 'Today’s revenue and orders, orders per minute, best sellers, low-stock alerts',
          querystring: querySchema,
          response: { 200: summarySchema },
        },
      },
      async (req, reply) => {
        const now = d.clock.now()
        const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
        const minutesSince = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - (req.query.minutes - 1) * 60_000)
        const [s, low] = await Promise.all([
          d.orderSummary({ since, minutesSince, top: 5 }),
          d.lowStock({ atOrBelow: req.query.low_stock_at, limit: 10 }),
        ])
        const names = await d.variantNames(low.map((l) => l.variantId))
        reply.header('cache-control', 'private, no-store')
        return {
          since: since.toISOString(),
          orders_today: s.orders,
          revenue_today: [...s.revenue],
          orders_per_minute: everyMinute(minutesSince, now, s.perMinute),
          top_products: s.topProducts.map((p) => ({ variant_id: p.variantId, sku: p.sku, title: p.title, units: p.units })),
          low_stock: low.map((l) => {
            const v = names.get(l.variantId)
            return {
              variant_id: l.variantId,
              sku: v?.sku ?? '',
              title: v ? `${v.product_title} — ${v.title}` : l.variantId,
              product_title: v?.product_title ?? '',
              available: l.available,
            }
          }),
        }
      },
    )
  }
