import { sql } from 'drizzle-orm'
import { compiled, perShape } from '../db/compiled-statement.ts'
import type { Executor } from '../db/database.ts'
import { outbox } from '../db/platform-schema.ts'
import { newId } from '../ids/new-id.ts'

export type OutboxEvent = {
  /** `<module>.<past_tense>.v<N>`, e.g. `orders.order_placed.v1` */
  readonly topic: string
  readonly aggregateId: string
  readonly payload: Readonly<Record<string, unknown>>
}

/**
 * Appends events in the caller's transaction: they commit with the change or not at all. Their ids
 * ascend in the given order (a millisecond apart in the id's time part), so the relay, which reads
 * by creation time and id, hands them out in the order they were appended.
 */
export const appendEvents = async (tx: Executor, events: readonly OutboxEvent[]): Promise<string[]> => {
  if (events.length === 0) return []
  const base = Date.now()
  const rows = events.map((e, i) => ({ id: newId('evt', base + i), topic: e.topic, aggregateId: e.aggregateId, payload: e.payload }))
  const insert = rows.length <= COMPILED_UP_TO ? insertOf(rows.length) : undefined
  if (insert) await insert(tx, Object.fromEntries(rows.flatMap((r, i) => Object.entries(r).map(([k, v]) => [`${k}${i}`, v]))))
  else await tx.insert(outbox).values(rows)
  return rows.map((r) => r.id)
}

/** Inserts of 1 to COMPILED_UP_TO events are built once each (most changes append one to three). */
const COMPILED_UP_TO = 8
const insertOf = perShape((n: number) =>
  compiled((db) =>
    db.insert(outbox).values(
      Array.from({ length: n }, (_, i) => ({
        id: sql.placeholder(`id${i}`),
        topic: sql.placeholder(`topic${i}`),
        aggregateId: sql.placeholder(`aggregateId${i}`),
        payload: sql.placeholder(`payload${i}`),
      })),
    ),
  ),
)
