import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import type { Database } from './database.ts'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url))

const MIGRATION_LOCK = 7_352_001 // any constant; serialises migrations across processes

/** Applies pending migrations; safe when several processes start at once. */
export const migrate = async (db: Database): Promise<void> => {
  if (db.kind === 'pglite') {
    await migratePglite(db.orm as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_DIR })
    return
  }
  await db.orm.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`)
    await migratePg(tx as unknown as NodePgDatabase, { migrationsFolder: MIGRATIONS_DIR })
  })
}
