import { afterAll, beforeAll } from 'vitest'
import type { Database } from '../../src/platform/db/database.ts'
import { createTestDatabase, engineKinds } from './test-database.ts'

/**
 * A fresh database on each engine kind for the test file: created before its tests, closed after
 * them. Call at the top of the file; the returned function gives the database of a kind.
 */
export const databasePerEngine = (): ((kind: string) => Database) => {
  const dbs = new Map<string, Database>()
  beforeAll(async () => {
    for (const kind of engineKinds()) dbs.set(kind, await createTestDatabase(kind))
  })
  afterAll(async () => {
    for (const db of dbs.values()) await db.close()
  })
  return (kind) => {
    const db = dbs.get(kind)
    if (!db) throw new Error(`no test database for ${kind}`)
    return db
  }
}
