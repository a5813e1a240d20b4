import { and, inArray, sql } from 'drizzle-orm'
import type { Executor } from '../db/database.ts'
import { overwriteJsonFields } from '../db/overwrite-json-fields.ts'
import { deadLetters, outbox } from '../db/platform-schema.ts'

export type EventFieldsOverwrite = {
  /** the aggregates whose events are changed, e.g. the erased customer's order ids */
  readonly aggregateIds: readonly string[]
  /** only the events of these topics (the ones whose payloads carry the fields) */
  readonly topics: readonly string[]
  /** top-level payload fields and their new values; a field the payload lacks is left out */
  readonly fields: Readonly<Record<string, string | null>>
}

/**
 * Overwrites fields of events already written, in the caller's transaction: in the outbox (events
 * not yet pruned, delivered or not) and in the dead letters. A customer's erasure uses it for the
 * e-mail its order events carry. Copies outside the database (a JetStream stream, a webhook
 * subscriber) are not reached. No index leads to an aggregate's events (none is wanted on the
 * checkout's insert), so each table is read through once: fine for a rare request such as erasure.
 */
export const overwriteEventFields = async (tx: Executor, o: EventFieldsOverwrite): Promise<number> => {
  if (o.aggregateIds.length === 0 || o.topics.length === 0 || Object.keys(o.fields).length === 0) return 0
  let changed = 0
  for (const table of [outbox, deadLetters]) {
    const rows = await tx
      .update(table)
      .set({ payload: overwriteJsonFields(sql`${table.payload}`, [], o.fields) })
      .where(and(inArray(table.aggregateId, [...o.aggregateIds]), inArray(table.topic, [...o.topics])))
      .returning({ id: table.id })
    changed += rows.length
  }
  return changed
}
