import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const returnsSchema = pgSchema('returns')

export const RETURN_STATUSES = ['requested', 'approved', 'rejected', 'received', 'completed'] as const
export const REFUND_STATUSES = ['none', 'pending', 'refunded', 'failed', 'not_needed'] as const

/** The carrier label a shopper sends the parcel back with. */
export type ReturnLabelRow = {
  readonly carrier: string
  readonly carrier_shipment_id: string
  readonly tracking_number: string
  readonly tracking_url: string
  readonly label_url: string
}

/** One return of (part of) an order: its state, what it refunds, its label and its exchange order. */
export const returns = returnsSchema.table(
  'returns',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    email: text('email').notNull(),
    status: text('status', { enum: RETURN_STATUSES }).notNull(),
    source: text('source', { enum: ['store', 'admin'] }).notNull(),
    currency: text('currency').notNull(),
    /** what the returned (non-exchanged) lines are worth, tax and discount pro-rata: the refund */
    refundAmount: integer('refund_amount').notNull(),
    refundStatus: text('refund_status', { enum: REFUND_STATUSES }).notNull().default('none'),
    refundError: text('refund_error'),
    label: jsonb('label').$type<ReturnLabelRow>(),
    exchangeOrderId: text('exchange_order_id'),
    note: text('note').notNull().default(''),
    rejectionReason: text('rejection_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index('returns_order_idx').on(t.orderId),
    index('returns_exchange_order_idx').on(t.exchangeOrderId).where(sql`${t.exchangeOrderId} is not null`),
    index('returns_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('returns_status_idx').on(t.status, t.createdAt),
  ],
)

/** A returned line: which order item, how many, why, and what became of the units. */
export const returnItems = returnsSchema.table(
  'items',
  {
    id: text('id').primaryKey(),
    returnId: text('return_id').notNull(),
    orderId: text('order_id').notNull(),
    orderItemId: text('order_item_id').notNull(),
    variantId: text('variant_id').notNull(),
    sku: text('sku').notNull(),
    title: text('title').notNull(),
    quantity: integer('quantity').notNull(),
    reason: text('reason').notNull(),
    refundAmount: integer('refund_amount').notNull(),
    /** asks for this variant instead of money back */
    exchangeVariantId: text('exchange_variant_id'),
    condition: text('condition', { enum: ['sellable', 'damaged'] }),
    disposition: text('disposition', { enum: ['restocked', 'written_off'] }),
    locationId: text('location_id'),
  },
  (t) => [index('return_items_return_idx').on(t.returnId), index('return_items_order_item_idx').on(t.orderId, t.orderItemId)],
)

/** Every step of a return, oldest first: what the shopper and staff see happen to it. */
export const returnSteps = returnsSchema.table(
  'steps',
  {
    id: text('id').primaryKey(),
    returnId: text('return_id').notNull(),
    step: text('step').notNull(),
    note: text('note').notNull().default(''),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('return_steps_return_idx').on(t.returnId, t.at), uniqueIndex('return_steps_once_idx').on(t.returnId, t.step)],
)
