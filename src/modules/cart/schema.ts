import { sql } from 'drizzle-orm'
import { check, index, integer, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const cartSchema = pgSchema('cart')

export const carts = cartSchema.table(
  'carts',
  {
    id: text('id').primaryKey(),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['active', 'checking_out', 'completed'] })
      .notNull()
      .default('active'),
    customerId: text('customer_id'),
    email: text('email'),
    discountCode: text('discount_code'),
    /**
     * Set once by the abandoned-cart job when it decides about this cart (docs/processing.md):
     * `reminder` says what it did (`sent`, or `skipped` when there was no address to write to).
     * The conditional write `… where reminded_at is null` is what makes one reminder per cart.
     */
    remindedAt: timestamp('reminded_at', { withTimezone: true, precision: 3 }),
    reminder: text('reminder', { enum: ['sent', 'skipped'] }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('carts_customer_idx').on(t.customerId),
    index('carts_updated_idx').on(t.updatedAt),
    // the abandoned-cart scan: active carts someone could be written to, not yet decided about
    index('carts_unreminded_idx')
      .on(t.updatedAt)
      .where(sql`${t.status} = 'active' and ${t.remindedAt} is null and (${t.email} is not null or ${t.customerId} is not null)`),
  ],
)

/** Line items, priced from the catalog when added (and re-priced at checkout). */
export const cartItems = cartSchema.table(
  'items',
  {
    id: text('id').primaryKey(),
    cartId: text('cart_id').notNull(),
    variantId: text('variant_id').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('items_cart_variant_idx').on(t.cartId, t.variantId), check('items_quantity_check', sql`${t.quantity} > 0`)],
)
