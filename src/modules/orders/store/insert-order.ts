import { AppError } from '../../../platform/app-error.ts'
import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import type { NewOrder, StatusField } from '../contract.ts'
import { orderHistory, orderItems, orders } from '../schema.ts'

export type ItemRow = typeof orderItems.$inferInsert & { readonly id: string }
export type HistoryRow = typeof orderHistory.$inferInsert & { readonly id: string; readonly field: StatusField }

/**
 * Writes a new order, its items and its history in one statement (data-modifying CTEs: one round
 * trip, all or nothing). Returns the number the sequence gave it, the only value the database decides.
 */
export const insertOrder = async (
  tx: Executor,
  w: {
    readonly input: NewOrder
    readonly tokenHash: string
    readonly now: Date
    readonly items: ItemRow[]
    readonly history: HistoryRow[]
  },
): Promise<number> => {
  const { input: o, now } = w
  const order = tx
    .insert(orders)
    .values({
      id: o.id,
      status: 'pending',
      paymentStatus: 'pending',
      fulfillmentStatus: 'unfulfilled',
      email: o.email,
      customerId: o.customerId,
      cartId: o.cartId,
      currency: o.currency,
      subtotal: o.totals.subtotal,
      discountTotal: o.totals.discountTotal,
      shippingTotal: o.totals.shippingTotal,
      taxTotal: o.totals.taxTotal,
      total: o.totals.total,
      shippingAddress: o.shippingAddress,
      shippingOption: o.shippingOption,
      discounts: o.discounts,
      paymentProvider: o.paymentProvider,
      accessTokenHash: w.tokenHash,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ number: orders.number })
  const items = w.items.length ? sql`, items as (${tx.insert(orderItems).values(w.items).getSQL()})` : sql``
  const history = tx.insert(orderHistory).values(w.history).getSQL()
  const [row] = await queryRows<{ number: number }>(
    tx,
    sql`with created as (${order.getSQL()})${items}, history as (${history}) select number from created`,
  )
  if (!row) throw new AppError('ORDERS_WRITE_FAILED', 'insert into orders.orders returned no row')
  return Number(row.number)
}
