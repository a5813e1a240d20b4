import { sql } from 'drizzle-orm'
import { bigint, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import { rowFromJson } from './row-from-json.ts'

const things = pgTable('things', {
  id: text('id').primaryKey(),
  number: bigint('number', { mode: 'number' }).notNull(),
  ownerId: text('owner_id'),
  details: jsonb('details').notNull().default(sql`'{}'`),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
})

describe('rowFromJson', () => {
  it('keys the row by the schema names and maps each value by its column type', () => {
    const row = rowFromJson(things, {
      id: 'th_1',
      number: 1001,
      owner_id: null,
      details: { colour: 'red' },
      created_at: '2026-12-07T16:04:05.123+00:00',
    })
    expect(row).toEqual({
      id: 'th_1',
      number: 1001,
      ownerId: null,
      details: { colour: 'red' },
      createdAt: new Date('2026-12-07T16:04:05.123Z'),
    })
    expect(row.createdAt).toBeInstanceOf(Date)
  })

  it('reads a bigint given as text as a number, and a missing column as null', () => {
    const row = rowFromJson(things, { id: 'th_2', number: '42', details: [], created_at: '2026-12-07T16:04:05+01:00' })
    expect(row.number).toBe(42)
    expect(row.ownerId).toBeNull()
    expect(row.createdAt.toISOString()).toBe('2026-12-07T15:04:05.000Z')
  })
})
