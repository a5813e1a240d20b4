import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { drizzle } from 'drizzle-orm/pglite'
import type { Database, Orm } from './database.ts'
import { acquireDataDirLock } from './data-dir-lock.ts'
import { instrumentPglite } from './instrument-pglite.ts'

/** The embedded engine: PostgreSQL in WASM, files under DATA_DIR (or in memory for tests). */
export const openPglite = async (dataDir: string | 'memory'): Promise<Database> => {
  let release = () => {}
  let client: PGlite
  if (dataDir === 'memory') {
    client = await PGlite.create({ extensions: { pg_trgm } })
  } else {
    const dir = resolve(dataDir, 'pg')
    mkdirSync(dir, { recursive: true })
    release = acquireDataDirLock(resolve(dataDir))
    client = await PGlite.create(dir, { extensions: { pg_trgm } })
  }
  instrumentPglite(client) // statement durations and spans (docs/operations.md)
  const orm = drizzle(client) as unknown as Orm
  return {
    kind: 'pglite',
    orm,
    describe: dataDir === 'memory' ? 'pglite (in memory)' : `pglite (${resolve(dataDir, 'pg')})`,
    ping: async () => {
      await client.query('select 1')
    },
    close: async () => {
      await client.close()
      release()
    },
  }
}
