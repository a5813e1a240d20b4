import { sql } from 'drizzle-orm'
import { bigint, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const ordersSchema = pgSchema('orders')

export const orderNumbers = ordersSchema.sequence('order_number_seq', { startWith: 1001 })

export const orders = ordersSchema.table(
  'orders',
  {
    id: text('id').primaryKey(),
    number: bigint('number', { mode: 'number' }).notNull().default(sql`nextval('orders.order_number_seq')`),
    status: text('status').notNull(),
    paymentStatus: text('payment_status').notNull(),
    fulfillmentStatus: text('fulfillment_status').notNull(),
    email: text('email').notNull(),
    customerId: text('customer_id'),
    cartId: text('cart_id').notNull(),
    currency: text('currency').notNull(),
    subtotal: integer('subtotal').notNull(),
    discountTotal: integer('discount_total').notNull().default(0),
    shippingTotal: integer('shipping_total').notNull().default(0),
    taxTotal: integer('tax_total').notNull().default(0),
    total: integer('total').notNull(),
    shippingAddress: jsonb('shipping_address').notNull(),
    shippingOption: jsonb('shipping_option'),
    discounts: jsonb('discounts').notNull().default([]),
    paymentProvider: text('payment_provider'),
    accessTokenHash: text('access_token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_number_idx').on(t.number),
    // one live order per cart; a checkout whose payment failed is canceled and the cart can try again
    uniqueIndex('orders_cart_idx').on(t.cartId).where(sql`${t.status} <> 'canceled'`),
    index('orders_status_idx').on(t.status, t.createdAt),
    index('orders_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('orders_customer_idx').on(t.customerId),
    index('orders_email_idx').on(t.email),
  ],
)

export const orderItems = ordersSchema.table(
  'items',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    variantId: text('variant_id').notNull(),
    sku: text('sku').notNull(),
    title: text('title').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
    total: integer('total').notNull(),
  },
  (t) => [index('order_items_order_idx').on(t.orderId)],
)

/** Every transition of status, payment_status or fulfillment_status, and every return step (field `return`), in order. */
export const orderHistory = ordersSchema.table(
  'history',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    field: text('field', { enum: ['status', 'payment_status', 'fulfillment_status', 'return'] }).notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value').notNull(),
    note: text('note').notNull().default(''),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('order_history_order_idx').on(t.orderId, t.at)],
)
