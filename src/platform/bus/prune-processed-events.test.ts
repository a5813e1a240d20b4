import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { databasePerEngine } from '../../../test/support/database-per-engine.ts'
import { engineKinds } from '../../../test/support/test-database.ts'
import { queryRows } from '../db/database.ts'
import { processedKeepMs, pruneProcessedEventsJob } from './prune-processed-events.ts'

const DAY = 86_400_000
const retry = { maxAttempts: 8, baseMs: 1000, maxMs: 600_000 }

describe('processedKeepMs', () => {
  test('keeps a handled row as long as the event can come again, plus a day', () => {
    // embedded: the outbox's 7 days, 8 attempts of at most 10 minutes, a day
    expect(processedKeepMs({ retry })).toBe(7 * DAY + 80 * 60_000 + DAY)
    // JetStream keeping events 30 days: the stream's age decides
    const nats = { url: 'nats://x', stream: 's', subjectPrefix: 'p', duplicateWindowMs: 1, maxAgeMs: 30 * DAY }
    expect(processedKeepMs({ retry, nats })).toBe(30 * DAY + 80 * 60_000 + DAY)
  })
})

const databaseOn = databasePerEngine()

describe.each(engineKinds())('on %s', (kind) => {
  test('the job deletes handled rows past the keeping time, batch after batch, and keeps the newer ones', async () => {
    const db = databaseOn(kind)
    await db.orm.execute(sql`
      insert into platform.processed_events (consumer, event_id, processed_at)
      select 'c', 'evt_old_' || i, now() - interval '10 days' - i * interval '1 second' from generate_series(1, 7) i`)
    await db.orm.execute(sql`
      insert into platform.processed_events (consumer, event_id, processed_at)
      values ('c', 'evt_recent', now() - interval '8 days'), ('d', 'evt_now', now())`)

    // 7 days + 80 minutes + a day: the rows 10 days old go, the one 8 days old stays
    expect(await pruneProcessedEventsJob(db, { retry }, 3).run()).toEqual({ deleted: 7 })
    const left = await queryRows<{ event_id: string }>(db.orm, sql`select event_id from platform.processed_events order by event_id`)
    expect(left.map((r) => r.event_id)).toEqual(['evt_now', 'evt_recent'])
  })
})
