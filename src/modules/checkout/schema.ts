import { integer, pgSchema, text, timestamp } from 'drizzle-orm/pg-core'

export const checkoutSchema = pgSchema('checkout')

/**
 * A payment the checkout has started and not yet settled: enough to repeat the authorisation
 * with the same idempotency key after a crash (the gateway then answers with the first result,
 * so nothing is charged twice). The gateway token is deleted as soon as the payment settles.
 */
export const pendingPayments = checkoutSchema.table('pending_payments', {
  orderId: text('order_id').primaryKey(),
  cartId: text('cart_id').notNull(),
  provider: text('provider').notNull(),
  token: text('token').notNull(),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
})
