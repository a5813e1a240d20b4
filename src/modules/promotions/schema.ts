import { sql } from 'drizzle-orm'
import { boolean, check, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const promotionsSchema = pgSchema('promotions')

/**
 * A discount: with a code (entered by the shopper) or automatic (code is null).
 * kind percentage: value in basis points (1000 = 10%); fixed: value in minor units of `currency`.
 */
export const promotions = promotionsSchema.table(
  'promotions',
  {
    id: text('id').primaryKey(),
    code: text('code'),
    name: text('name').notNull().default(''),
    kind: text('kind', { enum: ['percentage', 'fixed', 'free_shipping'] }).notNull(),
    value: integer('value').notNull().default(0),
    currency: text('currency'),
    minSubtotal: integer('min_subtotal').notNull().default(0),
    startsAt: timestamp('starts_at', { withTimezone: true, precision: 3 }),
    endsAt: timestamp('ends_at', { withTimezone: true, precision: 3 }),
    usageLimit: integer('usage_limit'),
    perCustomerLimit: integer('per_customer_limit'),
    timesUsed: integer('times_used').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('promotions_code_idx').on(sql`lower(${t.code})`),
    check('promotions_usage_check', sql`${t.usageLimit} is null or ${t.timesUsed} <= ${t.usageLimit}`),
    check('promotions_value_check', sql`${t.value} >= 0`),
  ],
)

/** Uses per customer (by lower-cased e-mail), counted with one conditional upsert. */
export const customerUsage = promotionsSchema.table(
  'customer_usage',
  {
    promotionId: text('promotion_id').notNull(),
    customerKey: text('customer_key').notNull(),
    used: integer('used').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.promotionId, t.customerKey] })],
)

/** Which order used which promotion, so a failed payment can give the use back exactly once. */
export const redemptions = promotionsSchema.table(
  'redemptions',
  {
    promotionId: text('promotion_id').notNull(),
    orderId: text('order_id').notNull(),
    customerKey: text('customer_key').notNull(),
    amount: integer('amount').notNull(),
    status: text('status', { enum: ['held', 'released'] })
      .notNull()
      .default('held'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.promotionId, t.orderId] })],
)
