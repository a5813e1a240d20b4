import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { databasePerEngine } from '../../../test/support/database-per-engine.ts'
import { engineKinds } from '../../../test/support/test-database.ts'
import { queryRows } from './database.ts'
import { expireIdempotencyKeysJob } from './expire-idempotency-keys.ts'
import { runOnce } from './run-once.ts'

const databaseOn = databasePerEngine()

describe.each(engineKinds())('on %s', (kind) => {
  test('the job deletes kept answers older than 24 h, batch after batch, and keeps the newer ones', async () => {
    const db = databaseOn(kind)
    await db.orm.execute(sql`
      insert into platform.idempotency_keys (scope, key, request_hash, status_code, created_at)
      select 'old', 'k' || i, '', 200, now() - interval '25 hours' - i * interval '1 second' from generate_series(1, 7) i`)
    await db.orm.execute(sql`
      insert into platform.idempotency_keys (scope, key, request_hash, created_at)
      values ('dead', 'claim', '', now() - interval '30 hours'), ('recent', 'k', '', now() - interval '23 hours')`)
    await runOnce(db)('fresh', 'k', async () => 'kept')

    expect(await expireIdempotencyKeysJob(db, 3).run()).toEqual({ deleted: 8 })
    const left = await queryRows<{ scope: string }>(db.orm, sql`select scope from platform.idempotency_keys order by scope`)
    expect(left.map((r) => r.scope)).toEqual(['fresh', 'recent'])
    expect(await runOnce(db)('fresh', 'k', async () => 'again')).toEqual({ kind: 'replayed', value: 'kept' })
  })
})
