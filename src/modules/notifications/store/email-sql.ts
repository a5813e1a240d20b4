import { and, asc, eq, ne, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import { emails } from '../schema.ts'
import type { EmailRow } from './email-rows.ts'

export type NewEmailRow = typeof emails.$inferInsert

/** The new row, or null when its idempotency key is already taken (one statement, no pre-check). */
export const insertEmail = async (db: Executor, row: NewEmailRow): Promise<EmailRow | null> => {
  const [inserted] = await db.insert(emails).values(row).onConflictDoNothing({ target: emails.idempotencyKey }).returning()
  return inserted ?? null
}

export const findByKey = async (db: Executor, key: string): Promise<EmailRow | null> => {
  const [row] = await db.select().from(emails).where(eq(emails.idempotencyKey, key))
  return row ?? null
}

export const findById = async (db: Executor, id: string): Promise<EmailRow | null> => {
  const [row] = await db.select().from(emails).where(eq(emails.id, id))
  return row ?? null
}

export const listByOrder = (db: Executor, orderId: string): Promise<EmailRow[]> =>
  db.select().from(emails).where(eq(emails.orderId, orderId)).orderBy(asc(emails.createdAt), asc(emails.id))

export type Claimed = {
  readonly id: string
  readonly recipient: string
  readonly subject: string
  readonly text_body: string
  readonly html_body: string
  readonly message_id: string
  /** this attempt's number (1-based): also the claim's token for settling it */
  readonly attempts: number
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`

/**
 * Claims up to `limit` due rows in one statement: queued ones whose time has come, and sending
 * ones whose lease ended (their sender stopped). Each becomes `sending` until `leaseUntil`, its
 * attempt counted. SKIP LOCKED lets concurrent senders on PostgreSQL take different rows
 * without waiting; a row being claimed by another statement is simply not this one's.
 */
export const claimDue = (db: Executor, o: { now: Date; leaseUntil: Date; limit: number }): Promise<Claimed[]> =>
  queryRows<Claimed>(
    db,
    sql`update notifications.emails e
           set status = 'sending', attempts = e.attempts + 1, next_attempt_at = ${ts(o.leaseUntil)}
          from (select id from notifications.emails
                 where status in ('queued', 'sending') and next_attempt_at <= ${ts(o.now)}
                 order by next_attempt_at, id
                 limit ${o.limit}
                 for update skip locked) due
         where e.id = due.id
     returning e.id, e.recipient, e.subject, e.text_body, e.html_body, e.message_id, e.attempts`,
  )

/**
 * The message was handed over. Recorded whatever the row's state (a slow sender whose lease ran
 * out still delivered): knowing it was sent prevents a further copy.
 */
export const markSent = async (db: Executor, id: string, now: Date): Promise<void> => {
  await db
    .update(emails)
    .set({ status: 'sent', sentAt: now, nextAttemptAt: null, lastError: null })
    .where(and(eq(emails.id, id), ne(emails.status, 'sent')))
}

/**
 * After a failed attempt: queued again for `at`, or failed for good when `at` is null. Only the
 * holder of the current claim (same attempt number, still sending) may settle it, so a sender
 * that outlived its lease cannot undo a newer claim.
 */
export const settleFailure = async (db: Executor, o: { id: string; attempt: number; error: string; at: Date | null }): Promise<boolean> => {
  const rows = await db
    .update(emails)
    .set(
      o.at ? { status: 'queued', nextAttemptAt: o.at, lastError: o.error } : { status: 'failed', nextAttemptAt: null, lastError: o.error },
    )
    .where(and(eq(emails.id, o.id), eq(emails.status, 'sending'), eq(emails.attempts, o.attempt)))
    .returning({ id: emails.id })
  return rows.length === 1
}
