import { sql } from 'drizzle-orm'
import { countDeleted } from '../db/count-deleted.ts'
import type { Database } from '../db/database.ts'
import { deletingJob } from '../jobs/deleting-job.ts'
import type { Job } from '../jobs/run-every.ts'

/** How long an event stays in the outbox after it was published (decision 0026). */
export const OUTBOX_KEEP_DAYS = 7

/**
 * Deletes outbox rows published more than `OUTBOX_KEEP_DAYS` ago, oldest first, up to `batch` a
 * run; answers how many went. A row an embedded delivery still points at stays (the consumer reads
 * the event from it); rows not yet published always stay. JetStream messages carry the whole
 * event, and a dead letter keeps its own copy, so neither needs the row.
 */
export const pruneOutbox = (db: Database, batch = 5000): Promise<{ readonly deleted: number }> =>
  countDeleted(
    db.orm,
    sql`delete from platform.outbox
        where id in (
          select o.id from platform.outbox o
          where o.published_at is not null
            and o.published_at < now() - make_interval(days => ${OUTBOX_KEEP_DAYS})
            and not exists (select 1 from platform.deliveries d where d.event_id = o.id)
          order by o.published_at limit ${batch})`,
  )

/** The scheduled job: every ten minutes, batch after batch until none is left (at most 100 a run). */
export const pruneOutboxJob = (db: Database, batch = 5000): Job =>
  deletingJob('prune-outbox', 10 * 60_000, () => pruneOutbox(db, batch), batch)
