import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Database, Orm } from './database.ts'
import { instrumentPg, watchPool } from './instrument-pg.ts'
import { createStatementNamer, nameRepeatedStatements } from './prepared-statements.ts'

const redact = (url: string): string => {
  const u = new URL(url)
  if (u.password) u.password = '***'
  return u.toString()
}

/** A PostgreSQL server through a connection pool; `prepare`: statements run again and again are prepared per connection. */
export const openPostgres = async (url: string, poolSize: number, o: { readonly prepare?: boolean } = {}): Promise<Database> => {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'crest',
  })
  pool.on('error', () => {}) // an idle client losing its connection is retried on next use
  // pg-pool drops its error listener while a client is checked out: a server restart (57P01) between two statements of a
  // transaction would then be an unhandled 'error' event and kill the process (found by the chaos suite, docs/resilience.md).
  // The statement in flight still fails; the client is released with the error and discarded.
  const namer = o.prepare ? createStatementNamer() : undefined
  pool.on('connect', (client) => {
    client.on('error', () => {})
    if (namer) nameRepeatedStatements(client, namer)
  })
  instrumentPg() // statement durations and spans (docs/operations.md)
  watchPool(pool, 'primary', poolSize)
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
