import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const integrationsSchema = pgSchema('integrations')

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 })

/** An outgoing webhook endpoint: which topics (or `*`) it wants, and the secret its requests are signed with. */
export const webhookSubscriptions = integrationsSchema.table('webhook_subscriptions', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  eventTypes: text('event_types').array().notNull(),
  secret: text('secret').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: at('created_at').notNull().defaultNow(),
})

export const WEBHOOK_DELIVERY_STATUSES = ['queued', 'sending', 'delivered', 'failed'] as const

/**
 * One event for one subscription. The body is fixed when the row is written, so every attempt
 * signs and sends the same bytes. queued → sending (claimed; `next_attempt_at` is the lease end)
 * → delivered, or queued again after a failure, or failed after the last attempt of the schedule.
 */
export const webhookDeliveries = integrationsSchema.table(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    subscriptionId: text('subscription_id').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull(),
    deliveredAt: at('delivered_at'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_subscription_event_uq').on(t.subscriptionId, t.eventId),
    // for the due sweep only: the predicate names the key the sweep bounds (decision 0027)
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('queued', 'sending') and ${t.nextAttemptAt} is not null`),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.createdAt),
    check('webhook_deliveries_status_check', sql`${t.status} in ('queued', 'sending', 'delivered', 'failed')`),
  ],
)

/** The delivery log: one row per HTTP attempt. */
export const webhookAttempts = integrationsSchema.table(
  'webhook_attempts',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id').notNull(),
    subscriptionId: text('subscription_id').notNull(),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
    attemptedAt: at('attempted_at').notNull(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.attempt)],
)
