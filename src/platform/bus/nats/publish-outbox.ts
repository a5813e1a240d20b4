import type { JetStreamClient } from '@nats-io/jetstream'
import { asc, inArray, isNull, sql } from 'drizzle-orm'
import type { Database } from '../../db/database.ts'
import { outbox } from '../../db/platform-schema.ts'
import type { NatsOptions } from '../bus-options.ts'
import { subjectOf } from './jetstream-topology.ts'
import { toWire } from './wire-event.ts'

/**
 * The distributed relay, one batch: takes unpublished outbox rows (`FOR UPDATE SKIP LOCKED`, so
 * relays in several processes share the work), publishes each with its event id as `Nats-Msg-Id`,
 * and marks published only the rows JetStream acknowledged. A crash between the ack and the commit
 * republishes the row: JetStream drops it within the duplicate window, consumers dedupe after it.
 * Returns how many rows were published; throws when none of a non-empty batch could be.
 */
export const publishOutbox = (db: Database, js: JetStreamClient, o: NatsOptions, limit: number): Promise<number> =>
  db.orm.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(outbox)
      .where(isNull(outbox.publishedAt))
      .orderBy(asc(outbox.createdAt), asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true })
    if (rows.length === 0) return 0
    const results = await Promise.allSettled(
      rows.map((r) => js.publish(subjectOf(o, r.topic), toWire({ ...r, payload: r.payload as Record<string, unknown> }), { msgID: r.id })),
    )
    const acked = rows.filter((_, i) => results[i]?.status === 'fulfilled').map((r) => r.id)
    const failure = results.find((r) => r.status === 'rejected')
    if (acked.length === 0 && failure) throw failure.reason
    await tx.update(outbox).set({ publishedAt: sql`now()` }).where(inArray(outbox.id, acked))
    return acked.length
  })
