import { sql } from 'drizzle-orm'
import { countDeleted } from '../db/count-deleted.ts'
import type { Database } from '../db/database.ts'
import { deletingJob } from '../jobs/deleting-job.ts'
import type { Job } from '../jobs/run-every.ts'
import type { BusOptions } from './bus-options.ts'
import { OUTBOX_KEEP_DAYS } from './prune-outbox.ts'

const DAY_MS = 86_400_000

/**
 * How long a consumer's "handled" row must stay (decision 0026): as long as the event can still
 * come again. A JetStream message can be redelivered while the stream keeps it, plus its retries;
 * an embedded delivery comes only from the outbox, kept OUTBOX_KEEP_DAYS. A day more for safety.
 */
export const processedKeepMs = (o: Pick<BusOptions, 'nats' | 'retry'>): number =>
  Math.max(OUTBOX_KEEP_DAYS * DAY_MS, o.nats?.maxAgeMs ?? 0) + o.retry.maxAttempts * o.retry.maxMs + DAY_MS

/** Deletes "handled" rows older than `keepMs`, oldest first, up to `batch` a run; answers how many went. */
export const pruneProcessedEvents = (db: Database, keepMs: number, batch = 5000): Promise<{ readonly deleted: number }> =>
  countDeleted(
    db.orm,
    sql`delete from platform.processed_events
        where (consumer, event_id) in (
          select consumer, event_id from platform.processed_events
          where processed_at < now() - make_interval(secs => ${keepMs / 1000})
          order by processed_at limit ${batch})`,
  )

/** The scheduled job: every ten minutes, batch after batch until none is left (at most 100 a run). */
export const pruneProcessedEventsJob = (db: Database, o: Pick<BusOptions, 'nats' | 'retry'>, batch = 5000): Job =>
  deletingJob('prune-processed-events', 10 * 60_000, () => pruneProcessedEvents(db, processedKeepMs(o), batch), batch)
