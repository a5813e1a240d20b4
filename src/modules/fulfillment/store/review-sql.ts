import { and, asc, eq, gt, lte, ne, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import { orderReviews } from '../schema.ts'

export type ReviewRow = typeof orderReviews.$inferSelect
type Decision = ReviewRow['decision']

/** The order's review, once: false when the order already has one (an earlier attempt's). */
export const insertReview = async (ex: Executor, row: typeof orderReviews.$inferInsert): Promise<boolean> =>
  (await ex.insert(orderReviews).values(row).onConflictDoNothing().returning({ id: orderReviews.orderId })).length > 0

/** Orders from the e-mail (any case) placed in (from, to], another order than `orderId`. */
export const countOrdersByEmail = async (ex: Executor, q: { email: string; from: Date; to: Date; orderId: string }): Promise<number> => {
  const [row] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(orderReviews)
    .where(
      and(
        sql`lower(${orderReviews.email}) = lower(${q.email})`,
        gt(orderReviews.placedAt, q.from),
        lte(orderReviews.placedAt, q.to),
        ne(orderReviews.orderId, q.orderId),
      ),
    )
  return row?.n ?? 0
}

export const lockReview = async (ex: Executor, orderId: string): Promise<ReviewRow | null> => {
  const [row] = await ex.select().from(orderReviews).where(eq(orderReviews.orderId, orderId)).for('update')
  return row ?? null
}

export const setDecision = (ex: Executor, orderId: string, decision: Decision, now: Date) =>
  ex.update(orderReviews).set({ decision, decidedAt: now }).where(eq(orderReviews.orderId, orderId))

export const heldReviews = (ex: Executor, limit: number): Promise<ReviewRow[]> =>
  ex.select().from(orderReviews).where(eq(orderReviews.decision, 'held')).orderBy(asc(orderReviews.placedAt)).limit(limit)

/** The capture policy asks for a capture: due now, once per order. */
export const markCaptureDue = (ex: Executor, orderId: string, now: Date) =>
  ex
    .update(orderReviews)
    .set({ captureStatus: 'due', captureNextAt: now })
    .where(and(eq(orderReviews.orderId, orderId), eq(orderReviews.captureStatus, 'none')))

/**
 * Claims due captures, one statement: each row counts an attempt and is hidden until `leaseUntil`,
 * so a process that dies mid-capture leaves it to be tried again. SKIP LOCKED: concurrent runners
 * take different rows.
 */
export const claimDueCaptures = (ex: Executor, now: Date, leaseUntil: Date, limit: number) =>
  queryRows<{ order_id: string; attempts: number }>(
    ex,
    sql`
    update fulfillment.order_reviews r
    set capture_attempts = r.capture_attempts + 1, capture_next_at = ${leaseUntil.toISOString()}::timestamptz
    from (
      select order_id from fulfillment.order_reviews
      where capture_status = 'due' and capture_next_at <= ${now.toISOString()}::timestamptz
      order by capture_next_at limit ${limit} for update skip locked
    ) due
    where r.order_id = due.order_id
    returning r.order_id, r.capture_attempts as attempts`,
  )

/** Records how a claimed capture went; only the holder of that claim (its attempt number) may. */
export const settleCapture = (
  ex: Executor,
  c: { orderId: string; attempt: number; status: 'due' | 'done' | 'failed'; nextAt: Date | null; error: string | null },
) =>
  ex
    .update(orderReviews)
    .set({ captureStatus: c.status, captureNextAt: c.nextAt, captureError: c.error })
    .where(and(eq(orderReviews.orderId, c.orderId), eq(orderReviews.captureAttempts, c.attempt), eq(orderReviews.captureStatus, 'due')))

/** The order's review, if it has one. */
export const reviewOf = async (ex: Executor, orderId: string): Promise<ReviewRow | null> => {
  const [row] = await ex.select().from(orderReviews).where(eq(orderReviews.orderId, orderId))
  return row ?? null
}
