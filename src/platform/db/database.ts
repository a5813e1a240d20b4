import type { SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'

// biome-ignore lint/suspicious/noExplicitAny: drizzle's schema generics are irrelevant here
export type Orm = PgDatabase<PgQueryResultHKT, any, any>
// biome-ignore lint/suspicious/noExplicitAny: as above
export type Tx = PgTransaction<PgQueryResultHKT, any, any>
/** Either the pool or an open transaction: module stores accept both. */
export type Executor = Orm | Tx

export type EngineKind = 'pglite' | 'postgres'

export type Database = {
  readonly kind: EngineKind
  readonly orm: Orm
  readonly ping: () => Promise<void>
  readonly close: () => Promise<void>
  /** Human description for logs, without credentials. */
  readonly describe: string
}

/** Runs a raw SQL query and returns its rows (both drivers expose `rows`). */
export const queryRows = async <T>(db: Executor, query: SQL): Promise<T[]> => {
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}
