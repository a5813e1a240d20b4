import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const platformSchema = pgSchema('platform')

/** Idempotency-Key records: the first response is kept and replayed for 24 h. */
export const idempotencyKeys = platformSchema.table(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // the expiry job finds answers past their 24 h by age
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
)

/** Transactional outbox: events are rows written in the same transaction as the change. */
export const outbox = platformSchema.table(
  'outbox',
  {
    id: text('id').primaryKey(),
    topic: text('topic').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('outbox_unpublished_idx').on(t.createdAt).where(sql`${t.publishedAt} is null`),
    // the pruning job finds published rows past their keeping time by when they were published
    index('outbox_published_idx').on(t.publishedAt).where(sql`${t.publishedAt} is not null`),
  ],
)

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 })

/**
 * Which consumer has handled which event: written in the same transaction as the handler's own
 * writes, so a redelivered event finds its row and is skipped (effectively-once per consumer).
 */
export const processedEvents = platformSchema.table(
  'processed_events',
  {
    consumer: text('consumer').notNull(),
    eventId: text('event_id').notNull(),
    processedAt: at('processed_at').notNull().defaultNow(),
  },
  // the pruning job finds rows past their keeping time by age (decision 0026)
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] }), index('processed_events_processed_at_idx').on(t.processedAt)],
)

/**
 * Per-consumer delivery state. A row with `available_at` is queued here (the embedded transport,
 * and dead-letter replays in both): a process claims it by pushing `available_at` one lease ahead
 * and counting the attempt. A row without `available_at` only keeps the retry history of a message
 * JetStream holds. The row is deleted when the event is handled or dead-lettered.
 */
export const deliveries = platformSchema.table(
  'deliveries',
  {
    consumer: text('consumer').notNull(),
    eventId: text('event_id').notNull(),
    topic: text('topic').notNull(),
    attempts: integer('attempts').notNull().default(0),
    availableAt: at('available_at').defaultNow(),
    firstFailedAt: at('first_failed_at'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.consumer, t.eventId] }),
    index('deliveries_due_idx').on(t.availableAt).where(sql`${t.availableAt} is not null`),
  ],
)

/** Events a consumer gave up on after its last attempt; staff list and replay them. */
export const deadLetters = platformSchema.table(
  'dead_letters',
  {
    id: text('id').primaryKey(),
    consumer: text('consumer').notNull(),
    eventId: text('event_id').notNull(),
    topic: text('topic').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').notNull(),
    error: text('error').notNull(),
    attempts: integer('attempts').notNull(),
    firstFailedAt: at('first_failed_at').notNull(),
    lastFailedAt: at('last_failed_at').notNull(),
    replayedAt: at('replayed_at'),
  },
  (t) => [
    uniqueIndex('dead_letters_open_uq').on(t.consumer, t.eventId).where(sql`${t.replayedAt} is null`),
    index('dead_letters_consumer_idx').on(t.consumer, t.id),
  ],
)

/** Named leases with an expiry (database time): one holder runs a scheduled job at a time. */
export const leases = platformSchema.table('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: at('expires_at').notNull(),
})
