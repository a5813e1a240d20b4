import { sql } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '../../src/platform/db/database.ts'
import { openPostgres } from '../../src/platform/db/open-postgres.ts'
import { createTestDatabase } from '../support/test-database.ts'

/** Needs a real PostgreSQL (.ci/run sets DATABASE_URL). */
describe.skipIf(!process.env.DATABASE_URL)('a PostgreSQL restart while a transaction holds a connection', () => {
  let url: string
  let closeDb: () => Promise<void>
  let db: Database

  beforeAll(async () => {
    const t = await createTestDatabase('postgres')
    url = t.url as string
    closeDb = t.close
    db = await openPostgres(url, 2)
  })

  afterAll(async () => {
    await db?.close()
    await closeDb?.()
  })

  test('the connection dying between two statements fails the transaction, not the process, and the pool recovers', async () => {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    const unhandled: unknown[] = []
    const onUncaught = (e: unknown) => unhandled.push(e)
    process.on('uncaughtException', onUncaught)
    try {
      const tx = db.orm.transaction(async (t) => {
        const r = (await t.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: { pid: number }[] }
        // as `pg_ctl stop -m fast` does to every session: the server ends this one while no statement runs
        await admin.query('select pg_terminate_backend($1)', [r.rows[0]?.pid])
        await new Promise((resolve) => setTimeout(resolve, 300)) // the error event arrives meanwhile
        await t.execute(sql`select 1`)
      })
      await expect(tx).rejects.toThrow()
      expect(unhandled).toEqual([])
      await db.ping() // the broken client was discarded; a new one answers
    } finally {
      process.off('uncaughtException', onUncaught)
      await admin.end()
    }
  })
})
