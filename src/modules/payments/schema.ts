import { sql } from 'drizzle-orm'
import { index, integer, pgSchema, text, timestamp } from 'drizzle-orm/pg-core'

export const paymentsSchema = pgSchema('payments')

/** The payment ledger: every call to every gateway, whatever its outcome. */
export const paymentAttempts = paymentsSchema.table(
  'attempts',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    gateway: text('gateway').notNull(),
    operation: text('operation', { enum: ['authorize', 'capture', 'void', 'refund'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    outcome: text('outcome', { enum: ['succeeded', 'declined', 'failed', 'skipped', 'ambiguous', 'resolved'] }).notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    gatewayRef: text('gateway_ref'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('attempts_order_idx').on(t.orderId, t.createdAt),
    // the recover-ambiguous-payments job scans only these (decision 0018)
    index('attempts_ambiguous_idx').on(t.createdAt).where(sql`${t.outcome} = 'ambiguous'`),
  ],
)

/** The authorisation that stands for an order (one per order), for capture, void and refund. */
export const payments = paymentsSchema.table('payments', {
  orderId: text('order_id').primaryKey(),
  gateway: text('gateway').notNull(),
  gatewayRef: text('gateway_ref').notNull(),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  status: text('status', { enum: ['authorized', 'captured', 'voided', 'refunded', 'partially_refunded'] }).notNull(),
  capturedAmount: integer('captured_amount').notNull().default(0),
  refundedAmount: integer('refunded_amount').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
})
