import { AppError } from '../../../platform/app-error.ts'
import type { Executor } from '../../../platform/db/database.ts'
import type { NewOrder, StatusField } from '../contract.ts'
import { orderHistory, orderItems, orders } from '../schema.ts'

export type ItemRow = typeof orderItems.$inferInsert & { readonly id: string }
export type HistoryRow = typeof orderHistory.$inferInsert & { readonly id: string; readonly field: StatusField }

/**
 * Writes a new order: one insert per table (items and history as multi-row inserts).
 * Returns the number the sequence gave it, the only value the database decides.
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
  const [row] = await tx
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
  if (w.items.length) await tx.insert(orderItems).values(w.items)
  await tx.insert(orderHistory).values(w.history)
  if (!row) throw new AppError('ORDERS_WRITE_FAILED', 'insert into orders.orders returned no row')
  return row.number
}
