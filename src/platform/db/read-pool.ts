import { sql } from 'drizzle-orm'
import { type Database, type Executor, queryRows } from './database.ts'

/**
 * Where read-only queries run. Module stores ask for a read of one of their scopes (e.g.
 * 'catalog'); the pool picks a replica that has replayed every change the read must see, or the
 * primary. Writes and transactions never go through it: they use `Database` (the primary).
 */
export type ReadPool = {
  /**
   * Runs a read-only function on a healthy replica that has replayed every recorded change to
   * `scope` and the caller's own writes, otherwise on the primary. A replica failing the read is
   * taken out of rotation and the read runs again on the primary, so `run` must not write.
   */
  readonly read: <T>(scope: string, run: (db: Executor) => Promise<T>) => Promise<T>
  /** Records a committed change to `scope`: later reads of it must see it. Call before invalidating caches. */
  readonly changed: (scope: string) => Promise<void>
  /** The primary's WAL position now, as text (a read-your-writes token); undefined without replicas. */
  readonly writePosition: () => Promise<string | undefined>
  /** Whether any replica is configured (the HTTP layer adds read-your-writes only then). */
  readonly replicated: boolean
}

/**
 * The scope of reports and analytics-style reads (totals, exports, dashboards): they tolerate lag
 * up to DATABASE_REPLICA_MAX_LAG_SECONDS, so any replica in rotation serves them, staff requests
 * included, and they never wait for a write floor. The primary only when no replica is in rotation.
 */
export const REPORT_READS = 'reports'

/** No replicas: every read runs on the primary. */
export const primaryReads = (db: Database): ReadPool => ({
  read: (_scope, run) => run(db.orm),
  changed: async () => {},
  writePosition: async () => undefined,
  replicated: false,
})

/**
 * The primary's current WAL position (PostgreSQL only): the insert position, which is past every
 * commit record already made. (`pg_current_wal_lsn()` is the write position, which trails a
 * commit made with synchronous_commit off: a replica there may not have that commit yet.)
 */
export const currentWalLsn = async (db: Database): Promise<string> => {
  const [row] = await queryRows<{ lsn: string }>(db.orm, sql`select pg_current_wal_insert_lsn()::text as lsn`)
  if (!row) throw new Error('pg_current_wal_insert_lsn() returned no row')
  return row.lsn
}
