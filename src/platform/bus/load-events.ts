import { inArray, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../db/database.ts'
import { outbox } from '../db/platform-schema.ts'
import type { BusEvent } from './consumer-registry.ts'

type DeadLetterRow = { event_id: string; topic: string; aggregate_id: string; payload: Record<string, unknown>; created: string | Date }

/**
 * The events behind delivery rows, by id: from the outbox, or — for a replayed dead letter whose
 * outbox row is gone — from the dead letter's own copy of the payload.
 */
export const loadEvents = async (db: Executor, ids: readonly string[]): Promise<Map<string, BusEvent>> => {
  const found = new Map<string, BusEvent>()
  if (ids.length === 0) return found
  const rows = await db
    .select()
    .from(outbox)
    .where(inArray(outbox.id, [...ids]))
  for (const r of rows) {
    found.set(r.id, {
      id: r.id,
      topic: r.topic,
      aggregateId: r.aggregateId,
      payload: r.payload as Record<string, unknown>,
      createdAt: r.createdAt,
    })
  }
  const missing = ids.filter((id) => !found.has(id))
  if (missing.length === 0) return found
  const copies = await queryRows<DeadLetterRow>(
    db,
    sql`select distinct on (event_id) event_id, topic, aggregate_id, payload, first_failed_at as created
          from platform.dead_letters where event_id in ${missing} order by event_id, id desc`,
  )
  for (const r of copies) {
    found.set(r.event_id, {
      id: r.event_id,
      topic: r.topic,
      aggregateId: r.aggregate_id,
      payload: r.payload,
      createdAt: new Date(r.created),
    })
  }
  return found
}
