import { eq, sql } from 'drizzle-orm'
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase, engineKinds } from '../../../test/support/test-database.ts'
import { compiled, compiledSql, listValues, perShape, placeholderList } from './compiled-statement.ts'
import type { Database } from './database.ts'

const notes = pgTable('compiled_notes', {
  id: text('id').primaryKey(),
  body: jsonb('body').$type<{ words: string[] }>().notNull(),
  stars: integer('stars').notNull().default(0),
  extra: jsonb('extra').$type<{ tag: string } | null>(),
  seenAt: timestamp('seen_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

const addNote = compiled((db) =>
  db
    .insert(notes)
    .values({ id: sql.placeholder('id'), body: sql.placeholder('body') })
    .returning(),
)
const addFullNote = compiled((db) =>
  db
    .insert(notes)
    .values({
      id: sql.placeholder('id'),
      body: sql.placeholder('body'),
      extra: sql.placeholder('extra'),
      seenAt: sql.placeholder('seenAt'),
    })
    .returning({ id: notes.id }),
)
const starNote = compiled((db) =>
  db
    .update(notes)
    .set({ stars: sql`${notes.stars} + ${sql.placeholder('by')}` })
    .where(eq(notes.id, sql.placeholder('id')))
    .returning({ id: notes.id, stars: notes.stars }),
)
const wordCounts = compiledSql<{ id: string; words: number }, { min: number }>(
  () =>
    sql`select id, jsonb_array_length(body->'words')::int as words from compiled_notes
        where jsonb_array_length(body->'words') >= ${sql.placeholder('min')} order by id`,
)
const notesIn = perShape((n: number) =>
  compiledSql<{ id: string }, Record<string, unknown>>(
    () => sql`select id from compiled_notes where id in (${placeholderList('id', n)}) order by id`,
  ),
)
const readNote = compiled((db) =>
  db
    .select()
    .from(notes)
    .where(eq(notes.id, sql.placeholder('id'))),
)

// both engines in one process: each driver gets its own build
const engines = new Map<string, Database>()
beforeAll(async () => {
  for (const kind of engineKinds()) {
    const db = await createTestDatabase(kind)
    await db.orm.execute(
      sql`create table compiled_notes (id text primary key, body jsonb not null, stars int not null default 0, extra jsonb, seen_at timestamptz, created_at timestamptz not null default now())`,
    )
    engines.set(kind, db)
  }
})
afterAll(async () => {
  for (const db of engines.values()) await db.close()
})

describe.each(engineKinds())('on %s', (kind) => {
  const db = () => engines.get(kind) as Database

  test('runs with new values each time and maps rows as drizzle does (jsonb in and out, timestamps as dates)', async () => {
    const [a] = await addNote(db().orm, { id: `${kind}-a`, body: { words: ['one'] } })
    const [b] = await addNote(db().orm, { id: `${kind}-b`, body: { words: ['two', 'three'] } })
    expect(a).toMatchObject({ id: `${kind}-a`, body: { words: ['one'] }, stars: 0 })
    expect(b?.body).toEqual({ words: ['two', 'three'] })
    expect(b?.createdAt).toBeInstanceOf(Date)
    expect(await starNote(db().orm, { id: `${kind}-b`, by: 2 })).toEqual([{ id: `${kind}-b`, stars: 2 }])
    expect(await starNote(db().orm, { id: `${kind}-b`, by: 3 })).toEqual([{ id: `${kind}-b`, stars: 5 }])
    expect(await starNote(db().orm, { id: `${kind}-none`, by: 1 })).toEqual([])
    const [read] = await readNote(db().orm, { id: `${kind}-a` })
    expect(read).toMatchObject({ id: `${kind}-a`, body: { words: ['one'] }, stars: 0 })
  })

  test('runs inside the given transaction: a rollback takes its writes away, a commit keeps them', async () => {
    await db()
      .orm.transaction(async (tx) => {
        await addNote(tx, { id: `${kind}-rolled-back`, body: { words: [] } })
        expect(await readNote(tx, { id: `${kind}-rolled-back` })).toHaveLength(1)
        tx.rollback()
      })
      .catch(() => undefined)
    expect(await readNote(db().orm, { id: `${kind}-rolled-back` })).toEqual([])
    await db().orm.transaction(async (tx) => {
      await addNote(tx, { id: `${kind}-kept`, body: { words: ['kept'] } })
    })
    expect(await readNote(db().orm, { id: `${kind}-kept` })).toHaveLength(1)
  })

  test('a raw statement runs with new values each time and returns its rows as objects, in or out of a transaction', async () => {
    await addNote(db().orm, { id: `${kind}-raw-1`, body: { words: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] } })
    await addNote(db().orm, { id: `${kind}-raw-2`, body: { words: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'] } })
    expect(await wordCounts(db().orm, { min: 11 })).toEqual([{ id: `${kind}-raw-2`, words: 11 }])
    expect((await wordCounts(db().orm, { min: 10 })).map((r) => r.id)).toEqual([`${kind}-raw-1`, `${kind}-raw-2`])
    await db()
      .orm.transaction(async (tx) => {
        await addNote(tx, { id: `${kind}-raw-3`, body: { words: Array.from({ length: 12 }, (_, i) => `w${i}`) } })
        expect(await wordCounts(tx, { min: 12 })).toEqual([{ id: `${kind}-raw-3`, words: 12 }])
        tx.rollback()
      })
      .catch(() => undefined)
    expect(await wordCounts(db().orm, { min: 12 })).toEqual([])
  })

  test('a statement per shape: lists of different lengths each get theirs, and the same length shares one', async () => {
    const ids = [`${kind}-list-1`, `${kind}-list-2`, `${kind}-list-3`]
    for (const id of ids) await addNote(db().orm, { id, body: { words: [] } })
    expect(notesIn(2)).toBe(notesIn(2))
    expect(notesIn(2)).not.toBe(notesIn(3))
    expect(await notesIn(3)(db().orm, listValues('id', ids))).toEqual(ids.map((id) => ({ id })))
    expect(await notesIn(2)(db().orm, listValues('id', [ids[2], `${kind}-none`]))).toEqual([{ id: ids[2] }])
    expect(await notesIn(2)(db().orm, listValues('id', ids.slice(0, 2)))).toEqual(ids.slice(0, 2).map((id) => ({ id })))
  })

  test('null stays SQL NULL through a column encoding (jsonb, timestamp); other values are encoded', async () => {
    const at = new Date('2026-12-06T12:00:00.000Z')
    await addFullNote(db().orm, { id: `${kind}-null`, body: { words: [] }, extra: null, seenAt: null })
    await addFullNote(db().orm, { id: `${kind}-set`, body: { words: [] }, extra: { tag: 'x' }, seenAt: at })
    const rows = (await db().orm.execute(
      sql`select id, extra is null as no_extra, seen_at is null as no_seen, extra->>'tag' as tag, to_char(seen_at at time zone 'UTC', 'HH24:MI') as seen
          from compiled_notes where id in (${`${kind}-null`}, ${`${kind}-set`}) order by id`,
    )) as unknown as { rows: Record<string, unknown>[] }
    expect(rows.rows).toEqual([
      { id: `${kind}-null`, no_extra: true, no_seen: true, tag: null, seen: null },
      { id: `${kind}-set`, no_extra: false, no_seen: false, tag: 'x', seen: '12:00' },
    ])
  })

  test('a missing value is refused before anything is sent', async () => {
    await expect(addNote(db().orm, { id: `${kind}-c` } as never)).rejects.toThrow(/body/)
    expect(await readNote(db().orm, { id: `${kind}-c` })).toEqual([])
  })
})
