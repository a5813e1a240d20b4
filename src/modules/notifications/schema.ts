import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const notificationsSchema = pgSchema('notifications')

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 })

export const EMAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const

/**
 * The e-mail outbox: one row per notification, rendered when it is enqueued (so a retry sends
 * exactly what was decided then). `idempotency_key` (e.g. `order_confirmation:<order id>`) is
 * unique, so enqueuing the same notification twice keeps one row.
 *
 * Life of a row: queued → sending (claimed; `next_attempt_at` is then the end of the claim's lease)
 * → sent, or back to queued with a later `next_attempt_at` after a failure, or failed after the
 * last attempt. A `sending` row whose lease has ended (the sender crashed) is claimed again.
 */
export const emails = notificationsSchema.table(
  'emails',
  {
    id: text('id').primaryKey(),
    idempotencyKey: text('idempotency_key').notNull(),
    template: text('template').notNull(),
    recipient: text('recipient').notNull(),
    /** the order the e-mail is about (every template has one), for support's "what did we send" */
    orderId: text('order_id'),
    data: jsonb('data').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** fixed at enqueue, sent on every attempt: a duplicate after a crash carries the same one */
    messageId: text('message_id').notNull(),
    status: text('status', { enum: EMAIL_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** queued: due from then; sending: the lease ends then; sent and failed: null */
    nextAttemptAt: at('next_attempt_at'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
  },
  (t) => [
    uniqueIndex('emails_idempotency_key_uq').on(t.idempotencyKey),
    // for the due sweep only: the predicate names the key the sweep bounds (decision 0027)
    index('emails_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('queued', 'sending') and ${t.nextAttemptAt} is not null`),
    index('emails_order_idx').on(t.orderId).where(sql`${t.orderId} is not null`),
    check('emails_status_check', sql`${t.status} in ('queued', 'sending', 'sent', 'failed')`),
    check('emails_attempts_check', sql`${t.attempts} >= 0`),
  ],
)
