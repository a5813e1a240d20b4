import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Database } from '../../src/platform/db/database.ts'
import { migrate } from '../../src/platform/db/migrate.ts'
import { openPglite } from '../../src/platform/db/open-pglite.ts'
import { openPostgres } from '../../src/platform/db/open-postgres.ts'

export type EngineKind = 'pglite' | 'postgres'

/** Embedded always; the real PostgreSQL too when DATABASE_URL is set (CI sets it). */
export const engineKinds = (): EngineKind[] => (process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'])

const adminUrl = () => process.env.DATABASE_URL as string

const withAdmin = async (sql: string) => {
  const client = new pg.Client({ connectionString: adminUrl() })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** A fresh, migrated database of its own: created here and dropped on close. */
export const createTestDatabase = async (kind: EngineKind): Promise<Database & { url?: string }> => {
  if (kind === 'pglite') {
    const db = await openPglite('memory')
    await migrate(db)
    return db
  }
  const name = `crest_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  await withAdmin(`create database ${name}`)
  const url = new URL(adminUrl())
  url.pathname = `/${name}`
  const db = await openPostgres(url.toString(), 10, { prepare: true }) // as DATABASE_PREPARED_STATEMENTS defaults
  await migrate(db)
  return {
    ...db,
    url: url.toString(),
    close: async () => {
      await db.close()
      await withAdmin(`drop database if exists ${name} with (force)`)
    },
  }
}
