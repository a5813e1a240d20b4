import { sql } from 'drizzle-orm'
import { type Database, queryRows } from '../platform/db/database.ts'
import type { PipelineReading } from '../platform/metrics/index.ts'

type Row = { lag: number | string | null; pending: number | string; deliveries: number | string; dead: number | string }

/** The event pipeline's backlog, in one statement: outbox age and size, pending deliveries, open dead letters. */
export const readPipeline = async (db: Database): Promise<PipelineReading> => {
  const [row] = await queryRows<Row>(
    db.orm,
    sql`select
      (select extract(epoch from (now() - min(created_at)))::float8 from platform.outbox where published_at is null) as lag,
      (select count(*)::int from platform.outbox where published_at is null) as pending,
      (select count(*)::int from platform.deliveries) as deliveries,
      (select count(*)::int from platform.dead_letters where replayed_at is null) as dead`,
  )
  return {
    outboxLagSeconds: Math.max(0, Number(row?.lag ?? 0)),
    outboxPending: Number(row?.pending ?? 0),
    deliveriesPending: Number(row?.deliveries ?? 0),
    deadLetters: Number(row?.dead ?? 0),
  }
}
