import pg from 'pg'
import type { DbActivity } from './flash-sale.ts'

/** Reads pg_stat_database for one database: transactions committed and rolled back, rows written. */
export const postgresActivity = (databaseUrl: string) => async (): Promise<DbActivity> => {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    const r = await client.query<{ commits: string; rollbacks: string; rows: string }>(
      `select xact_commit as commits, xact_rollback as rollbacks, tup_inserted + tup_updated + tup_deleted as rows
         from pg_stat_database where datname = current_database()`,
    )
    const row = r.rows[0]
    if (!row) throw new Error('no pg_stat_database row for the bench database')
    return { commits: Number(row.commits), rollbacks: Number(row.rollbacks), rowsWritten: Number(row.rows) }
  } finally {
    await client.end()
  }
}
