import pg from 'pg'
import { expect, test } from 'vitest'
import { createTestDatabase } from '../../../test/support/test-database.ts'
import { createStatementNamer, nameRepeatedStatements } from './prepared-statements.ts'

test('a text gets its name on its second run, keeps it, and texts beyond the cap stay unnamed', () => {
  const name = createStatementNamer({ maxNames: 2, minUses: 2, maxTracked: 100 })
  expect(name('select $1::int')).toBeUndefined()
  const first = name('select $1::int')
  expect(first).toMatch(/^crest_\d+$/)
  expect(name('select $1::int')).toBe(first)
  name('select $1::text')
  const second = name('select $1::text')
  expect(second).toBeDefined()
  expect(second).not.toBe(first)
  name('select $1::bigint')
  expect(name('select $1::bigint')).toBeUndefined()
  expect(name('select $1::int')).toBe(first)
})

test('texts waiting for their second run are forgotten together once too many are waiting', () => {
  const name = createStatementNamer({ maxNames: 100, minUses: 2, maxTracked: 3 })
  for (const t of ['a $1', 'b $1', 'c $1']) name(t)
  name('d $1') // a fourth waiting text: the first three are forgotten
  expect(name('a $1')).toBeUndefined()
  expect(name('d $1')).toBeDefined()
})

const prepared = async (client: pg.PoolClient) =>
  (await client.query<{ name: string; statement: string }>('select name, statement from pg_prepared_statements order by name')).rows

test.runIf(process.env.DATABASE_URL)(
  'on PostgreSQL, a repeated statement is prepared once per connection and answers as before',
  async () => {
    const db = await createTestDatabase('postgres')
    const pool = new pg.Pool({ connectionString: db.url, max: 1 })
    const namer = createStatementNamer({ maxNames: 10, minUses: 2, maxTracked: 100 })
    pool.on('connect', (c) => nameRepeatedStatements(c, namer))
    try {
      await pool.query('create table t (id int primary key, label text)')
      await pool.query('insert into t values (1, $1), (2, $2)', ['one', 'two'])
      const labels: string[] = []
      for (const id of [1, 2, 1])
        labels.push((await pool.query<{ label: string }>('select label from t where id = $1', [id])).rows[0]?.label ?? '')
      // drizzle's form: a config object, values beside it
      const viaConfig = await pool.query<{ label: string }>({ text: 'select label from t where id = $1' }, [2])
      expect(labels).toEqual(['one', 'two', 'one'])
      expect(viaConfig.rows[0]?.label).toBe('two')
      const client = await pool.connect()
      try {
        const statements = await prepared(client)
        expect(statements).toEqual([{ name: expect.stringMatching(/^crest_\d+$/), statement: 'select label from t where id = $1' }])
        // a column added while the statement is prepared does not change what it returns
        await client.query('alter table t add column weight int')
        expect((await client.query<{ label: string }>('select label from t where id = $1', [1])).rows).toEqual([{ label: 'one' }])
      } finally {
        client.release()
      }
    } finally {
      await pool.end()
      await db.close()
    }
  },
)

test.runIf(process.env.DATABASE_URL)('statements without parameters are never prepared', async () => {
  const db = await createTestDatabase('postgres')
  const pool = new pg.Pool({ connectionString: db.url, max: 1 })
  const namer = createStatementNamer({ maxNames: 10, minUses: 1, maxTracked: 100 })
  pool.on('connect', (c) => nameRepeatedStatements(c, namer))
  try {
    for (let i = 0; i < 3; i++) await pool.query('select 1 as one')
    const client = await pool.connect()
    try {
      expect(await prepared(client)).toEqual([])
    } finally {
      client.release()
    }
  } finally {
    await pool.end()
    await db.close()
  }
})
