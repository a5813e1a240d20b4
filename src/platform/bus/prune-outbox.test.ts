import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { databasePerEngine } from '../../../test/support/database-per-engine.ts'
import { engineKinds } from '../../../test/support/test-database.ts'
import { type Database, queryRows } from '../db/database.ts'
import { loadEvents } from './load-events.ts'
import { pruneOutboxJob } from './prune-outbox.ts'

const databaseOn = databasePerEngine()

const addEvent = (db: Database, id: string, published: string | null) =>
  db.orm.execute(sql`
    insert into platform.outbox (id, topic, aggregate_id, payload, created_at, published_at)
    values (${id}, 'test.thing_happened.v1', 'agg_1', '{"n":1}', now() - interval '30 days',
            ${published === null ? null : sql`now() - ${published}::interval`})`)

describe.each(engineKinds())('on %s', (kind) => {
  test('the job deletes events published more than 7 days ago, batch after batch, and keeps the rest', async () => {
    const db = databaseOn(kind)
    for (let i = 1; i <= 7; i++) await addEvent(db, `evt_old_${i}`, `${8 + i} days`)
    await addEvent(db, 'evt_recent', '6 days')
    await addEvent(db, 'evt_unpublished', null)
    // published long ago, but a delivery to one consumer is still due: the consumer reads the event from this row
    await addEvent(db, 'evt_due', '20 days')
    await db.orm.execute(sql`
      insert into platform.deliveries (consumer, event_id, topic, attempts, available_at)
      values ('test.consumer', 'evt_due', 'test.thing_happened.v1', 3, now())`)

    expect(await pruneOutboxJob(db, 3).run()).toEqual({ deleted: 7 })
    const left = await queryRows<{ id: string }>(db.orm, sql`select id from platform.outbox order by id`)
    expect(left.map((r) => r.id)).toEqual(['evt_due', 'evt_recent', 'evt_unpublished'])
    expect((await loadEvents(db.orm, ['evt_due'])).get('evt_due')?.payload).toEqual({ n: 1 })
    expect(await pruneOutboxJob(db, 3).run()).toEqual({ deleted: 0 })
  })
})
