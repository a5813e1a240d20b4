import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { databasePerEngine } from '../../../test/support/database-per-engine.ts'
import { engineKinds } from '../../../test/support/test-database.ts'
import { type Database, queryRows } from '../db/database.ts'
import { overwriteEventFields } from './overwrite-event-fields.ts'

const databaseOn = databasePerEngine()

const addEvent = (db: Database, id: string, topic: string, aggregateId: string, payload: object) =>
  db.orm.execute(sql`
    insert into platform.outbox (id, topic, aggregate_id, payload) values (${id}, ${topic}, ${aggregateId}, ${JSON.stringify(payload)}::jsonb)`)

const payloads = async (db: Database, table: 'outbox' | 'dead_letters') =>
  Object.fromEntries(
    (
      await queryRows<{ id: string; payload: unknown }>(
        db.orm,
        table === 'outbox'
          ? sql`select id, payload from platform.outbox order by id`
          : sql`select event_id as id, payload from platform.dead_letters order by id`,
      )
    ).map((r) => [r.id, r.payload]),
  )

describe.each(engineKinds())('on %s', (kind) => {
  test('only the named fields of the named topics and aggregates change, in the outbox and the dead letters', async () => {
    const db = databaseOn(kind)
    await addEvent(db, 'evt_1', 'orders.order_placed.v1', 'ord_a', { order_id: 'ord_a', email: 'ada@example.test', total: 10 })
    await addEvent(db, 'evt_2', 'orders.order_created.v1', 'ord_a', { order_id: 'ord_a', email: 'ada@example.test', customer_id: 'cus_1' })
    // no e-mail in this payload: none is added
    await addEvent(db, 'evt_3', 'orders.order_placed.v1', 'ord_b', { order_id: 'ord_b', total: 5 })
    // another topic of the same order, and another shopper's order
    await addEvent(db, 'evt_4', 'orders.status_changed.v1', 'ord_a', { order_id: 'ord_a', email: 'kept@example.test' })
    await addEvent(db, 'evt_5', 'orders.order_placed.v1', 'ord_c', { order_id: 'ord_c', email: 'someone@example.test' })
    await db.orm.execute(sql`
      insert into platform.dead_letters (id, consumer, event_id, topic, aggregate_id, payload, error, attempts, first_failed_at, last_failed_at)
      values ('dlq_1', 'test.consumer', 'evt_1', 'orders.order_placed.v1', 'ord_a', '{"order_id":"ord_a","email":"ada@example.test"}', 'boom', 5, now(), now())`)

    const changed = await overwriteEventFields(db.orm, {
      aggregateIds: ['ord_a', 'ord_b'],
      topics: ['orders.order_placed.v1', 'orders.order_created.v1'],
      fields: { email: 'erased@erased.invalid', customer_id: null },
    })

    expect(changed).toBe(4) // evt_1, evt_2, evt_3 (matched, nothing to replace) and the dead letter
    expect(await payloads(db, 'outbox')).toEqual({
      evt_1: { order_id: 'ord_a', email: 'erased@erased.invalid', total: 10 },
      evt_2: { order_id: 'ord_a', email: 'erased@erased.invalid', customer_id: null },
      evt_3: { order_id: 'ord_b', total: 5 },
      evt_4: { order_id: 'ord_a', email: 'kept@example.test' },
      evt_5: { order_id: 'ord_c', email: 'someone@example.test' },
    })
    expect(await payloads(db, 'dead_letters')).toEqual({ evt_1: { order_id: 'ord_a', email: 'erased@erased.invalid' } })
    expect(await overwriteEventFields(db.orm, { aggregateIds: [], topics: ['orders.order_placed.v1'], fields: { email: 'x' } })).toBe(0)
  })
})
