import { readFile } from 'node:fs/promises'
import { sql } from 'drizzle-orm'
import type { Database } from '../../platform/db/database.ts'

const LOCK = 7_352_007 // any constant; serialises the set-up across processes starting together

/**
 * Creates the staff security tables (security-tables.sql) when missing. Runs after the migrations
 * on every start until the tables move into schema.ts and a generated migration (0008).
 */
export const applySecurityTables = async (db: Database): Promise<void> => {
  const text = await readFile(new URL('./security-tables.sql', import.meta.url), 'utf8')
  const statements = text
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.replace(/^--.*$/gm, '').trim().length > 0)
  await db.orm.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.execute(sql`select pg_advisory_xact_lock(${LOCK})`)
    for (const s of statements) await tx.execute(sql.raw(s))
  })
}
