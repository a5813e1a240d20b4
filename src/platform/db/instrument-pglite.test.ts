import { PGlite } from '@electric-sql/pglite'
import { expect, test } from 'vitest'
import { dbClientOperationDuration } from '../metrics/db-metrics.ts'
import { instrumentPglite } from './instrument-pglite.ts'

const countOf = async (op: string, outcome = 'ok') => {
  const v = (await dbClientOperationDuration.get()).values.find(
    (x) =>
      x.metricName === 'db_client_operation_duration_seconds_count' &&
      x.labels.db_operation_name === op &&
      x.labels.outcome === outcome &&
      x.labels.db_system_name === 'pglite',
  )
  return v?.value ?? 0
}

test('times statements outside and inside transactions, failures too', async () => {
  const db = instrumentPglite(await PGlite.create())
  try {
    const before = {
      create: await countOf('create'),
      insert: await countOf('insert'),
      select: await countOf('select'),
      failed: await countOf('select', 'error'),
    }
    await db.exec('create table t (n int)')
    await db.transaction(async (tx) => {
      await tx.query('insert into t values ($1)', [1])
      await tx.query('insert into t values ($1)', [2])
    })
    expect((await db.query<{ n: number }>('select n from t order by n')).rows).toEqual([{ n: 1 }, { n: 2 }])
    await expect(db.query('select nope from t')).rejects.toThrow()
    expect(await countOf('create')).toBe(before.create + 1)
    expect(await countOf('insert')).toBe(before.insert + 2)
    expect(await countOf('select')).toBe(before.select + 1)
    expect(await countOf('select', 'error')).toBe(before.failed + 1)
  } finally {
    await db.close()
  }
})
