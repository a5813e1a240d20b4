import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const fulfillmentSchema = pgSchema('fulfillment')

export const shippingZones = fulfillmentSchema.table('zones', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** ISO country codes; ['*'] for the rest of the world */
  countries: jsonb('countries').$type<string[]>().notNull(),
})

/** flat: amount; weight: amount + per_kg per started kilogram; free above free_above (subtotal). */
export const shippingOptions = fulfillmentSchema.table('shipping_options', {
  id: text('id').primaryKey(),
  zoneId: text('zone_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['flat', 'weight'] }).notNull(),
  currency: text('currency').notNull(),
  amount: integer('amount').notNull(),
  perKg: integer('per_kg').notNull().default(0),
  freeAbove: integer('free_above'),
  position: integer('position').notNull().default(0),
})

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 })

export const SHIPMENT_STATUSES = ['label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'canceled'] as const

/** What a parcel holds: order lines (or parts of them) from one location. */
export type ShipmentItem = {
  readonly item_id: string
  readonly variant_id: string
  readonly sku: string
  readonly title: string
  readonly quantity: number
}

/** One parcel booked at a carrier for an order: one per (order, stock location). */
export const shipments = fulfillmentSchema.table(
  'shipments',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    locationId: text('location_id').notNull(),
    carrier: text('carrier').notNull(),
    carrierShipmentId: text('carrier_shipment_id').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    trackingUrl: text('tracking_url').notNull(),
    labelUrl: text('label_url').notNull(),
    service: text('service').notNull(),
    status: text('status', { enum: SHIPMENT_STATUSES }).notNull(),
    /** the highest tracking event seq applied to `status` (events may arrive out of order) */
    lastSeq: integer('last_seq').notNull().default(0),
    items: jsonb('items').$type<ShipmentItem[]>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    /** first seen in transit (or further); null before */
    shippedAt: at('shipped_at'),
    deliveredAt: at('delivered_at'),
  },
  (t) => [
    uniqueIndex('shipments_order_location_idx').on(t.orderId, t.locationId),
    uniqueIndex('shipments_carrier_idx').on(t.carrier, t.carrierShipmentId),
    index('shipments_open_idx').on(t.updatedAt).where(sql`${t.status} in ('label_created', 'in_transit', 'out_for_delivery')`),
  ],
)

/** Every tracking event a carrier reported, once: deduplicated by the carrier's event id and by (shipment, seq). */
export const trackingEvents = fulfillmentSchema.table(
  'tracking_events',
  {
    carrier: text('carrier').notNull(),
    eventId: text('event_id').notNull(),
    shipmentId: text('shipment_id').notNull(),
    orderId: text('order_id').notNull(),
    seq: integer('seq').notNull(),
    status: text('status', { enum: SHIPMENT_STATUSES }).notNull(),
    description: text('description').notNull(),
    occurredAt: at('occurred_at').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.carrier, t.eventId] }),
    uniqueIndex('tracking_events_seq_idx').on(t.shipmentId, t.seq),
    index('tracking_events_order_idx').on(t.orderId, t.occurredAt),
  ],
)

export const REVIEW_DECISIONS = ['allocated', 'held', 'released', 'canceled'] as const
export const CAPTURE_STATES = ['none', 'due', 'done', 'failed'] as const

/**
 * One row per placed order this module processed: the risk decision (and its reasons, for staff),
 * what velocity counts, and the capture the capture policy asks for (a small durable queue).
 */
export const orderReviews = fulfillmentSchema.table(
  'order_reviews',
  {
    orderId: text('order_id').primaryKey(),
    number: text('number').notNull(),
    email: text('email').notNull(),
    country: text('country').notNull(),
    total: integer('total').notNull(),
    currency: text('currency').notNull(),
    placedAt: at('placed_at').notNull(),
    decision: text('decision', { enum: REVIEW_DECISIONS }).notNull(),
    reasons: jsonb('reasons').$type<{ readonly code: string; readonly message: string }[]>().notNull().default([]),
    decidedAt: at('decided_at').notNull().defaultNow(),
    captureStatus: text('capture_status', { enum: CAPTURE_STATES }).notNull().default('none'),
    /** due: when to try; while a try runs: when its claim lapses */
    captureNextAt: at('capture_next_at'),
    captureAttempts: integer('capture_attempts').notNull().default(0),
    captureError: text('capture_error'),
  },
  (t) => [
    index('order_reviews_email_idx').on(sql`lower(${t.email})`, t.placedAt),
    index('order_reviews_held_idx').on(t.placedAt).where(sql`${t.decision} = 'held'`),
    // for the capture sweep only: the predicate names the key the sweep bounds (decision 0027)
    index('order_reviews_capture_idx').on(t.captureNextAt).where(sql`${t.captureStatus} = 'due' and ${t.captureNextAt} is not null`),
  ],
)

/**
 * Live carrier rates as a cart was shown them (docs/processing.md, "Live carrier rates"): the
 * option id a shopper picks is this row's id, so checkout charges the amount stored here, for
 * this cart, destination, currency and weight band, until `expires_at`, whatever the client sends.
 */
export const rateQuotes = fulfillmentSchema.table(
  'rate_quotes',
  {
    id: text('id').primaryKey(),
    cartId: text('cart_id').notNull(),
    carrier: text('carrier').notNull(),
    service: text('service').notNull(),
    name: text('name').notNull(),
    country: text('country').notNull(),
    currency: text('currency').notNull(),
    /** started kilograms of the parcel the price is for */
    weightBand: integer('weight_band').notNull(),
    amount: integer('amount').notNull(),
    estimatedDays: integer('estimated_days').notNull(),
    expiresAt: at('expires_at').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('rate_quotes_cart_idx').on(t.cartId), index('rate_quotes_expires_idx').on(t.expiresAt)],
)
