import { sql } from 'drizzle-orm'
import { deletingJob } from '../jobs/deleting-job.ts'
import type { Job } from '../jobs/run-every.ts'
import { countDeleted } from './count-deleted.ts'
import type { Database } from './database.ts'

/** How long a kept answer (an API `Idempotency-Key`, a storefront "Place order" key) can be replayed. */
export const IDEMPOTENCY_KEEP_HOURS = 24

/**
 * Deletes kept answers past their 24 h, oldest first, up to `batch` a run; answers how many went.
 * A claim still in progress is 24 h old only when its request died long ago, so it goes too.
 */
export const expireIdempotencyKeys = (db: Database, batch = 5000): Promise<{ readonly deleted: number }> =>
  countDeleted(
    db.orm,
    sql`delete from platform.idempotency_keys
        where (scope, key) in (
          select scope, key from platform.idempotency_keys
          where created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEEP_HOURS})
          order by created_at limit ${batch})`,
  )

/** The scheduled job: every five minutes, batch after batch until none is left (at most 100 a run). */
export const expireIdempotencyKeysJob = (db: Database, batch = 5000): Job =>
  deletingJob('expire-idempotency-keys', 5 * 60_000, () => expireIdempotencyKeys(db, batch), batch)
