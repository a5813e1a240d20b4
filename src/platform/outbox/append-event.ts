import type { Executor } from '../db/database.ts'
import { outbox } from '../db/platform-schema.ts'
import { newId } from '../ids/new-id.ts'

export type OutboxEvent = {
  /** `<module>.<past_tense>.v<N>`, e.g. `orders.order_placed.v1` */
  readonly topic: string
  readonly aggregateId: string
  readonly payload: Readonly<Record<string, unknown>>
}

/** Appends events in the caller's transaction: they commit with the change or not at all. */
export const appendEvents = async (tx: Executor, events: readonly OutboxEvent[]): Promise<string[]> => {
  if (events.length === 0) return []
  const rows = events.map((e) => ({ id: newId('evt'), topic: e.topic, aggregateId: e.aggregateId, payload: e.payload }))
  await tx.insert(outbox).values(rows)
  return rows.map((r) => r.id)
}
