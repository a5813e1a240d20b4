import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import type { FulfillmentStatus, OrderStatus, PaymentStatus } from '../contract.ts'
import type { OrderCursor } from '../domain/order-cursor.ts'
import { orders } from '../schema.ts'
import { type OrderRow, selectOrderRows } from './read-orders.ts'

export type OrderFilter = {
  readonly status?: OrderStatus
  readonly paymentStatus?: PaymentStatus
  readonly fulfillmentStatus?: FulfillmentStatus
  /** compared exactly: emails are stored lower-cased */
  readonly email?: string
  readonly customerId?: string
}

const conditions = (f: OrderFilter, after: OrderCursor | undefined): SQL | undefined =>
  and(
    f.status ? eq(orders.status, f.status) : undefined,
    f.paymentStatus ? eq(orders.paymentStatus, f.paymentStatus) : undefined,
    f.fulfillmentStatus ? eq(orders.fulfillmentStatus, f.fulfillmentStatus) : undefined,
    f.email ? eq(orders.email, f.email) : undefined,
    f.customerId ? eq(orders.customerId, f.customerId) : undefined,
    after ? sql`(${orders.createdAt}, ${orders.id}) < (${after.t}::timestamptz, ${after.id})` : undefined,
  )

/** Newest first by (created_at, id), after the cursor; `limit + 1` rows tell whether more follow. */
export const findOrderRows = (ex: Executor, f: OrderFilter, limit: number, after?: OrderCursor): Promise<OrderRow[]> =>
  selectOrderRows(ex, conditions(f, after), { orderBy: [desc(orders.createdAt), desc(orders.id)], limit: limit + 1 })

/** Orders still waiting for payment, oldest first (the reconciliation job's work list). */
export const findPendingPayment = (ex: Executor, olderThan: Date, limit: number) =>
  ex
    .select({ id: orders.id, total: orders.total, currency: orders.currency, paymentProvider: orders.paymentProvider })
    .from(orders)
    .where(and(eq(orders.status, 'pending'), eq(orders.paymentStatus, 'pending'), lt(orders.createdAt, olderThan)))
    .orderBy(orders.createdAt, orders.id)
    .limit(limit)
