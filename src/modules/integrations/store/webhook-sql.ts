import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import { overwriteJsonFields } from '../../../platform/db/overwrite-json-fields.ts'
import { WILDCARD } from '../domain/matches-subscription.ts'
import { webhookAttempts, webhookDeliveries, webhookSubscriptions } from '../schema.ts'

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect
export type DeliveryRow = typeof webhookDeliveries.$inferSelect
export type AttemptRow = typeof webhookAttempts.$inferSelect

export const insertSubscription = async (db: Executor, row: typeof webhookSubscriptions.$inferInsert): Promise<SubscriptionRow> => {
  const [inserted] = await db.insert(webhookSubscriptions).values(row).returning()
  return inserted as SubscriptionRow
}

export const listSubscriptions = (db: Executor): Promise<SubscriptionRow[]> =>
  db.select().from(webhookSubscriptions).orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id))

export const findSubscription = async (db: Executor, id: string): Promise<SubscriptionRow | null> => {
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id))
  return row ?? null
}

/** Deletes the subscription with its deliveries and their log; false when it did not exist. */
export const deleteSubscription = async (db: Executor, id: string): Promise<boolean> => {
  const gone = await db.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).returning({ id: webhookSubscriptions.id })
  await db.delete(webhookAttempts).where(eq(webhookAttempts.subscriptionId, id))
  await db.delete(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, id))
  return gone.length > 0
}

/** Active subscriptions that want `topic` (listed, or `*`). */
export const subscribersOf = (db: Executor, topic: string): Promise<SubscriptionRow[]> =>
  db
    .select()
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.active, true),
        or(sql`${topic} = any(${webhookSubscriptions.eventTypes})`, sql`${WILDCARD} = any(${webhookSubscriptions.eventTypes})`),
      ),
    )

/** Inserts the rows; one per (subscription, event) whatever happens, so a repeat adds nothing. */
export const insertDeliveries = async (db: Executor, rows: (typeof webhookDeliveries.$inferInsert)[]): Promise<number> => {
  if (rows.length === 0) return 0
  const inserted = await db
    .insert(webhookDeliveries)
    .values(rows)
    .onConflictDoNothing({ target: [webhookDeliveries.subscriptionId, webhookDeliveries.eventId] })
    .returning({ id: webhookDeliveries.id })
  return inserted.length
}

export const findDelivery = async (db: Executor, id: string): Promise<DeliveryRow | null> => {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id))
  return row ?? null
}

export const listDeliveryRows = (db: Executor, subscriptionId: string, limit: number): Promise<DeliveryRow[]> =>
  db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.subscriptionId, subscriptionId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit)

export const attemptsOf = (db: Executor, deliveryIds: readonly string[]): Promise<AttemptRow[]> =>
  deliveryIds.length === 0
    ? Promise.resolve([])
    : db
        .select()
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, [...deliveryIds]))
        .orderBy(asc(webhookAttempts.attemptedAt), asc(webhookAttempts.attempt))

export type Claimed = { readonly id: string; readonly subscription_id: string; readonly body: string; readonly attempts: number }

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`

/**
 * Claims up to `limit` due deliveries in one statement (queued ones whose time has come, and
 * sending ones whose lease ended): each becomes `sending` until `leaseUntil`, its attempt
 * counted. SKIP LOCKED lets senders in several processes take different rows without waiting.
 */
export const claimDue = (db: Executor, o: { now: Date; leaseUntil: Date; limit: number }): Promise<Claimed[]> =>
  queryRows<Claimed>(
    db,
    sql`update integrations.webhook_deliveries d
           set status = 'sending', attempts = d.attempts + 1, next_attempt_at = ${ts(o.leaseUntil)}
          from (select id from integrations.webhook_deliveries
                 where status in ('queued', 'sending') and next_attempt_at <= ${ts(o.now)}
                 order by next_attempt_at, id
                 limit ${o.limit}
                 for update skip locked) due
         where d.id = due.id
     returning d.id, d.subscription_id, d.body, d.attempts`,
  )

export type Settle = {
  readonly id: string
  readonly attempt: number
  readonly outcome: { kind: 'delivered'; at: Date } | { kind: 'retry'; at: Date; error: string } | { kind: 'failed'; error: string }
}

/** Settles the current claim (same attempt number, still sending); false when a newer claim owns the row. */
export const settleDelivery = async (db: Executor, s: Settle): Promise<boolean> => {
  const o = s.outcome
  const set =
    o.kind === 'delivered'
      ? { status: 'delivered' as const, deliveredAt: o.at, nextAttemptAt: null, lastError: null }
      : o.kind === 'retry'
        ? { status: 'queued' as const, nextAttemptAt: o.at, lastError: o.error }
        : { status: 'failed' as const, nextAttemptAt: null, lastError: o.error }
  const rows = await db
    .update(webhookDeliveries)
    .set(set)
    .where(and(eq(webhookDeliveries.id, s.id), eq(webhookDeliveries.status, 'sending'), eq(webhookDeliveries.attempts, s.attempt)))
    .returning({ id: webhookDeliveries.id })
  return rows.length === 1
}

export const insertAttempt = async (db: Executor, row: typeof webhookAttempts.$inferInsert): Promise<void> => {
  await db.insert(webhookAttempts).values(row)
}

/** Queues a delivered or failed delivery again with fresh attempts; null when it is queued or sending. */
export const requeueDelivery = async (db: Executor, id: string, now: Date): Promise<DeliveryRow | null> => {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: 'queued', attempts: 0, nextAttemptAt: now, lastError: null, deliveredAt: null })
    .where(and(eq(webhookDeliveries.id, id), inArray(webhookDeliveries.status, ['delivered', 'failed'])))
    .returning()
  return row ?? null
}

/**
 * Rewrites `data` fields in the bodies of the deliveries of `topics` whose data names one of
 * `values` in `field`. No index leads there (bodies are text): one pass over the table, for erasure only.
 */
export const overwriteDeliveryData = async (
  db: Executor,
  o: { topics: readonly string[]; field: string; values: readonly string[]; fields: Readonly<Record<string, string | null>> },
): Promise<number> => {
  if (o.topics.length === 0 || o.values.length === 0 || Object.keys(o.fields).length === 0) return 0
  const body = sql`(${webhookDeliveries.body})::jsonb`
  const rows = await db
    .update(webhookDeliveries)
    .set({ body: sql`(${overwriteJsonFields(body, ['data'], o.fields)})::text` })
    .where(and(inArray(webhookDeliveries.eventType, [...o.topics]), inArray(sql`${body} -> 'data' ->> ${o.field}::text`, [...o.values])))
    .returning({ id: webhookDeliveries.id })
  return rows.length
}
