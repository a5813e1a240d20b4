import { asc, inArray, isNull, sql } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { deliveries, outbox } from '../db/platform-schema.ts'

export type FanOutResult = { readonly events: number; readonly deliveries: number }

/**
 * The embedded relay, one batch: takes unpublished outbox rows (`FOR UPDATE SKIP LOCKED`, so
 * relays in several processes share the work), queues one delivery row per subscribed consumer,
 * and marks the rows published — all in one transaction. Every consumer has the event, durably,
 * the moment the row counts as published; a crash before the commit just leaves it unpublished.
 * Events nobody subscribes to are marked published too.
 */
export const fanOutOutbox = (db: Database, consumersOf: (topic: string) => readonly string[], limit: number): Promise<FanOutResult> =>
  db.orm.transaction(async (tx) => {
    const rows = await tx
      .select({ id: outbox.id, topic: outbox.topic })
      .from(outbox)
      .where(isNull(outbox.publishedAt))
      .orderBy(asc(outbox.createdAt), asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true })
    if (rows.length === 0) return { events: 0, deliveries: 0 }
    const queued = rows.flatMap((r) => consumersOf(r.topic).map((consumer) => ({ consumer, eventId: r.id, topic: r.topic })))
    if (queued.length > 0) await tx.insert(deliveries).values(queued).onConflictDoNothing()
    await tx
      .update(outbox)
      .set({ publishedAt: sql`now()` })
      .where(
        inArray(
          outbox.id,
          rows.map((r) => r.id),
        ),
      )
    return { events: rows.length, deliveries: queued.length }
  })
