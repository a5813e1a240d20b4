import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type ConsumerRegistry, createConsumerRegistry } from '../../src/platform/bus/consumer-registry.ts'
import { claimDeliveries } from '../../src/platform/bus/dispatch-deliveries.ts'
import { fanOutOutbox } from '../../src/platform/bus/fan-out-outbox.ts'
import { type EventBus, startEventBus } from '../../src/platform/bus/start-event-bus.ts'
import { type Database, queryRows } from '../../src/platform/db/database.ts'
import { openPostgres } from '../../src/platform/db/open-postgres.ts'
import { engineKinds } from '../support/test-database.ts'
import {
  appendTestEvents,
  backlogWithOneBadEvent,
  expectBacklogOutcome,
  countBy,
  effects,
  expectPreparedOutcome,
  logger,
  openBusDatabase,
  registerPrepared,
  registerThrowaway,
  rowCount,
  testBusOptions,
  waitFor,
} from './bus-fixture.ts'

const PLACED = 'orders.order_placed.v1'
const CANCELED = 'orders.order_canceled.v1'

describe.each(engineKinds())('the embedded event bus on %s', (kind) => {
  let db: Database & { url?: string }
  const buses: EventBus[] = []

  beforeAll(async () => {
    db = await openBusDatabase(kind)
  })
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.stop()))
    await db?.close()
  })

  const reset = async () => {
    await Promise.all(buses.splice(0).map((b) => b.stop()))
    await db.orm.execute(
      sql`truncate bus_test_effects, platform.outbox, platform.deliveries, platform.processed_events, platform.dead_letters`,
    )
  }

  const start = async (registry = createConsumerRegistry(), o = testBusOptions(), on: Database = db) => {
    const bus = await startEventBus({ db: on, logger, registry, options: o, role: 'serve' })
    buses.push(bus)
    return bus
  }

  /**
   * Every outbox row published again (as after a crash of the relay before its commit) and fanned
   * out, then the bus started again until it has worked off the redeliveries.
   */
  const republishAll = async (registry: ConsumerRegistry, expected: { events: number; deliveries: number }) => {
    await Promise.all(buses.splice(0).map((b) => b.stop()))
    await db.orm.execute(sql`update platform.outbox set published_at = null`)
    expect(await fanOutOutbox(db, registry.consumersOf, 100)).toEqual(expected)
    await start(registry)
    await waitFor(
      'the redeliveries to be skipped',
      () => rowCount(db, 'platform.deliveries'),
      (n) => n === 0,
    )
  }

  test('every event reaches every subscribed consumer once, and a republished row changes nothing', async () => {
    await reset()
    const registry = createConsumerRegistry()
    registerThrowaway(registry, { consumer: 'fulfillment.on-order-placed', topic: PLACED })
    registerThrowaway(registry, { consumer: 'analytics.count-orders', topic: PLACED })
    registerThrowaway(registry, { consumer: 'analytics.count-orders', topic: CANCELED })
    const placed = await appendTestEvents(db, PLACED, 30)
    const canceled = await appendTestEvents(db, CANCELED, 10)
    await appendTestEvents(db, 'catalog.product_created.v1', 5) // nobody listens: published all the same
    await start(registry)
    await waitFor(
      'all deliveries',
      () => effects(db),
      (rows) => rows.length >= 70,
    )
    await waitFor(
      'the outbox to drain',
      () => rowCount(db, 'platform.outbox where published_at is null'),
      (n) => n === 0,
    )

    // the relay publishes every row a second time (as after a crash before its commit)
    await republishAll(registry, { events: 45, deliveries: 70 })

    const rows = await effects(db)
    expect(rows).toHaveLength(70)
    const per = countBy(rows, (r) => `${r.consumer} ${r.event_id}`)
    expect([...per.values()].every((n) => n === 1)).toBe(true)
    for (const id of placed) {
      expect(per.get(`fulfillment.on-order-placed ${id}`)).toBe(1)
      expect(per.get(`analytics.count-orders ${id}`)).toBe(1)
    }
    for (const id of canceled) expect(per.get(`analytics.count-orders ${id}`)).toBe(1)
    expect(await rowCount(db, 'platform.processed_events')).toBe(70)
  })

  test('a handler that fails after partial work leaves no trace, and the retry applies the effect once', async () => {
    await reset()
    const registry = createConsumerRegistry()
    const calls: { eventId: string; attempt: number; at: number }[] = []
    registerThrowaway(registry, { consumer: 'fulfillment.on-order-placed', topic: PLACED, calls, failWhen: (_e, ctx) => ctx.attempt < 3 })
    const ids = await appendTestEvents(db, PLACED, 5)
    await start(registry)
    await waitFor(
      'deliveries on the third attempt',
      () => effects(db),
      (rows) => rows.length >= 5,
    )
    await waitFor(
      'the queue to empty',
      () => rowCount(db, 'platform.deliveries'),
      (n) => n === 0,
    )
    const rows = await effects(db)
    expect(rows.map((r) => r.event_id).sort()).toEqual([...ids].sort())
    expect(rows.every((r) => r.attempt === 3)).toBe(true) // attempts 1 and 2 rolled back their insert
    expect(calls).toHaveLength(15)
    expect(await rowCount(db, 'platform.dead_letters')).toBe(0)
  })

  test('a prepare step runs outside the transaction before each attempt, its result reaches the handler, and a handled event is not prepared again', async () => {
    await reset()
    const registry = createConsumerRegistry()
    const { keys } = registerPrepared(db, registry, { consumer: 'fulfillment.on-order-placed', topic: PLACED })
    const ids = await appendTestEvents(db, PLACED, 5)
    await start(registry)
    await expectPreparedOutcome(db, ids, keys, 'fulfillment.on-order-placed')
    await waitFor(
      'the queue to empty',
      () => rowCount(db, 'platform.deliveries'),
      (n) => n === 0,
    )
    const before = (await effects(db)).length
    // every row published again: the redeliveries are recorded as processed, so prepare is not called
    await republishAll(registry, { events: 5, deliveries: 5 })
    expect(await effects(db)).toHaveLength(before)
  })

  test('a backlog goes in fewer transactions than events, and an event that keeps failing holds back none of the others', async () => {
    await reset()
    const registry = createConsumerRegistry()
    const backlog = await backlogWithOneBadEvent(db, registry, 'fulfillment.on-order-placed', PLACED)
    await start(registry)
    await expectBacklogOutcome(db, backlog)
  })

  test('failures retry with growing back-off, then the event is dead-lettered with its history', async () => {
    await reset()
    const registry = createConsumerRegistry()
    const calls: { eventId: string; attempt: number; at: number }[] = []
    registerThrowaway(registry, { consumer: 'notifications.order-email', topic: PLACED, calls, failWhen: () => true })
    const [id] = await appendTestEvents(db, PLACED, 1)
    await start(registry, testBusOptions({ retry: { maxAttempts: 4, baseMs: 80, maxMs: 10_000 } }))
    const [dead] = await waitFor(
      'the dead letter',
      () =>
        queryRows<{
          event_id: string
          attempts: number
          error: string
          topic: string
          payload: unknown
          first_failed_at: Date
          last_failed_at: Date
        }>(db.orm, sql`select * from platform.dead_letters`),
      (r) => r.length === 1,
    )
    expect(dead).toMatchObject({ event_id: id, attempts: 4, topic: PLACED, payload: { n: 0 } })
    expect(dead?.error).toContain(`boom on ${id} attempt 4`)
    expect(new Date(dead?.last_failed_at as Date).getTime()).toBeGreaterThan(new Date(dead?.first_failed_at as Date).getTime())
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3, 4])
    const gaps = calls.slice(1).map((c, i) => c.at - (calls[i]?.at ?? 0))
    // equal jitter: at least half of 80, 160, 320 ms
    expect(gaps[0]).toBeGreaterThanOrEqual(40)
    expect(gaps[1]).toBeGreaterThanOrEqual(80)
    expect(gaps[2]).toBeGreaterThanOrEqual(160)
    expect(await rowCount(db, 'platform.deliveries')).toBe(0)
    expect(await effects(db)).toHaveLength(0)
  })

  test('a delivery claimed by a process that died is handed out again when its lease ends, and handled once', async () => {
    await reset()
    const registry = createConsumerRegistry()
    registerThrowaway(registry, { consumer: 'fulfillment.on-order-placed', topic: PLACED })
    const [id] = await appendTestEvents(db, PLACED, 1)
    const relayOnly = await start(createConsumerRegistry(), testBusOptions())
    await db.orm.execute(
      sql`insert into platform.deliveries (consumer, event_id, topic) values ('fulfillment.on-order-placed', ${id}, ${PLACED})`,
    )
    await relayOnly.stop()
    // a process claims it, then "crashes" before handling it
    const claimed = await claimDeliveries(db, ['fulfillment.on-order-placed'], 10, 600)
    expect(claimed).toHaveLength(1)
    const startedAt = Date.now()
    await start(registry, testBusOptions({ leaseMs: 600 }))
    const [row] = await waitFor(
      'the redelivery',
      () => effects(db),
      (rows) => rows.length === 1,
    )
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(400)
    expect(row).toMatchObject({ event_id: id, attempt: 2 })
  })

  // PGlite has one connection: a handler's open transaction holds up every other one, whatever the
  // dispatcher does, so this is a PostgreSQL property
  test.runIf(kind === 'postgres')('a slow delivery holds up only its own lane: events behind it go on meanwhile', async () => {
    await reset()
    const registry = createConsumerRegistry()
    const slowCalls: { eventId: string; attempt: number; at: number }[] = []
    registerThrowaway(registry, { consumer: 'fulfillment.on-order-placed', topic: PLACED, delayMs: 3000, calls: slowCalls })
    registerThrowaway(registry, { consumer: 'analytics.count-orders', topic: CANCELED })
    await appendTestEvents(db, PLACED, 1)
    await start(registry, testBusOptions({ concurrency: 4, eventsPerTransaction: 5 }))
    await waitFor(
      'the slow delivery to start',
      async () => slowCalls.length,
      (n) => n === 1,
    )
    const appendedAt = Date.now()
    await appendTestEvents(db, CANCELED, 30)
    const rows = await waitFor(
      'the events behind it',
      () => effects(db),
      (r) => r.filter((e) => e.consumer === 'analytics.count-orders').length === 30,
      10_000,
    )
    const doneAfter = Date.now() - appendedAt
    expect(
      rows.filter((e) => e.consumer === 'fulfillment.on-order-placed'),
      'the slow one is still at work',
    ).toEqual([])
    expect(doneAfter, 'handled while the slow delivery (3 s) runs').toBeLessThan(2000)
    // the handler outlives its lease (2 s): this process must not claim its own row again
    const slowSince = (slowCalls[0] as { at: number }).at
    await new Promise((r) => setTimeout(r, Math.max(0, slowSince + 2600 - Date.now())))
    const [row] = await queryRows<{ attempts: number }>(
      db.orm,
      sql`select attempts from platform.deliveries where consumer = 'fulfillment.on-order-placed'`,
    )
    expect(row?.attempts, 'claimed once while it runs past its lease').toBe(1)
    await waitFor(
      'the slow delivery to commit',
      () => effects(db),
      (r) => r.length === 31,
    )
  })

  test('two bus instances on one database split the work and never both handle an event', async () => {
    await reset()
    const second: Database = kind === 'postgres' ? await openPostgres(db.url as string, 5) : db
    try {
      const registryOf = (instance: string) => {
        const registry = createConsumerRegistry()
        registerThrowaway(registry, { consumer: 'fulfillment.on-order-placed', topic: PLACED, instance, delayMs: 3 })
        return registry
      }
      const ids = await appendTestEvents(db, PLACED, 200)
      await Promise.all([
        start(registryOf('one'), testBusOptions({ batchSize: 10 })),
        start(registryOf('two'), testBusOptions({ batchSize: 10 }), second),
      ])
      const rows = await waitFor(
        'every delivery',
        () => effects(db),
        (r) => r.length >= 200,
      )
      await Promise.all(buses.splice(0).map((b) => b.stop()))
      const final = await effects(db)
      expect(final).toHaveLength(200)
      expect(new Set(final.map((r) => r.event_id))).toEqual(new Set(ids))
      const byInstance = countBy(rows, (r) => r.instance)
      expect(byInstance.get('one')).toBeGreaterThan(0)
      expect(byInstance.get('two')).toBeGreaterThan(0)
    } finally {
      if (second !== db) await second.close()
    }
  })
})
