import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Database, Orm } from './database.ts'

const redact = (url: string): string => {
  const u = new URL(url)
  if (u.password) u.password = '***'
  return u.toString()
}

/** A PostgreSQL server through a connection pool. */
export const openPostgres = async (url: string, poolSize: number): Promise<Database> => {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'crest',
  })
  pool.on('error', () => {}) // an idle client losing its connection is retried on next use
  const orm = drizzle(pool) as unknown as Orm
  return {
    kind: 'postgres',
    orm,
    describe: `postgres (${redact(url)})`,
    ping: async () => {
      await pool.query('select 1')
    },
    close: async () => {
      await pool.end()
    },
  }
}
