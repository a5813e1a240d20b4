import { sql } from 'drizzle-orm'
import { compiled, LIST_SHAPES_UP_TO, perShape } from '../db/compiled-statement.ts'
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
  if (rows.length <= LIST_SHAPES_UP_TO) {
    const values: Record<string, unknown> = {}
    rows.forEach((r, i) => {
      Object.assign(values, { [`id${i}`]: r.id, [`topic${i}`]: r.topic, [`aggregateId${i}`]: r.aggregateId, [`payload${i}`]: r.payload })
    })
    await insertOf(rows.length)(tx, values)
  } else await tx.insert(outbox).values(rows)
  return rows.map((r) => r.id)
}

/** Inserts of up to LIST_SHAPES_UP_TO events are built once per count (most changes append one to three). */
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
