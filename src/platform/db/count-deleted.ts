import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from './database.ts'

/** Runs a `delete` statement (without `returning`) and answers how many rows it deleted. */
export const countDeleted = async (db: Executor, deleteStatement: SQL): Promise<{ readonly deleted: number }> => {
  const rows = await queryRows<{ n: number }>(db, sql`with gone as (${deleteStatement} returning 1) select count(*)::int as n from gone`)
  return { deleted: rows[0]?.n ?? 0 }
}
