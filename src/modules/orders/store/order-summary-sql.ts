import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'

export type OrderSummary = {
  /** orders placed since `since` (not pending, not canceled) */
  readonly orders: number
  /** their totals, one entry per currency */
  readonly revenue: readonly { readonly amount: number; readonly currency: string }[]
  /** orders per minute since `minutesSince` (minutes without orders are left out) */
  readonly perMinute: readonly { readonly minute: string; readonly orders: number }[]
  /** best sellers since `since`, by units */
  readonly topProducts: readonly { readonly variantId: string; readonly sku: string; readonly title: string; readonly units: number }[]
}

const COUNTED = sql`o.status not in ('pending', 'canceled')`

/**
 * Figures for the admin dashboard, read with three bounded queries over `orders.orders`
 * (range scans on orders_created_idx) and `orders.items` (by order): never the whole table.
 */
export const orderSummary = async (db: Executor, q: { since: Date; minutesSince: Date; top: number }): Promise<OrderSummary> => {
  const [revenue, perMinute, top] = await Promise.all([
    queryRows<{ currency: string; amount: string; orders: string }>(
      db,
      sql`select o.currency, coalesce(sum(o.total), 0) as amount, count(*) as orders
          from orders.orders o where o.created_at >= ${q.since.toISOString()} and ${COUNTED}
          group by o.currency order by o.currency`,
    ),
    queryRows<{ minute: string | Date; orders: string }>(
      db,
      sql`select date_trunc('minute', o.created_at) as minute, count(*) as orders
          from orders.orders o where o.created_at >= ${q.minutesSince.toISOString()} and ${COUNTED}
          group by 1 order by 1`,
    ),
    queryRows<{ variant_id: string; sku: string; title: string; units: string }>(
      db,
      sql`select i.variant_id, min(i.sku) as sku, min(i.title) as title, sum(i.quantity) as units
          from orders.orders o join orders.items i on i.order_id = o.id
          where o.created_at >= ${q.since.toISOString()} and ${COUNTED}
          group by i.variant_id order by units desc, i.variant_id limit ${q.top}`,
    ),
  ])
  return {
    orders: revenue.reduce((n, r) => n + Number(r.orders), 0),
    revenue: revenue.map((r) => ({ currency: r.currency, amount: Number(r.amount) })),
    perMinute: perMinute.map((r) => ({ minute: new Date(r.minute).toISOString(), orders: Number(r.orders) })),
    topProducts: top.map((r) => ({ variantId: r.variant_id, sku: r.sku, title: r.title, units: Number(r.units) })),
  }
}
