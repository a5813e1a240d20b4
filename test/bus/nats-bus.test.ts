import { jetstream, jetstreamManager } from '@nats-io/jetstream'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import type { NatsOptions } from '../../src/platform/bus/bus-options.ts'
import { createConsumerRegistry } from '../../src/platform/bus/consumer-registry.ts'
import { createDeadLetters } from '../../src/platform/bus/dead-letters.ts'
import { subjectOf } from '../../src/platform/bus/nats/jetstream-topology.ts'
import { toWire } from '../../src/platform/bus/nats/wire-event.ts'
import { type BusRole, type EventBus, startEventBus } from '../../src/platform/bus/start-event-bus.ts'
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
  testNatsOptions,
  waitFor,
} from './bus-fixture.ts'

const PLACED = 'orders.order_placed.v1'
const CANCELED = 'orders.order_canceled.v1'

/** Needs NATS with JetStream (NATS_URL); every test has a stream and subject prefix of its own. */
describe.skipIf(!process.env.NATS_URL).each(engineKinds())('the NATS JetStream event bus with %s', (kind) => {
  let db: Database & { url?: string }
  let nc: NatsConnection
  let nats: NatsOptions
  const buses: EventBus[] = []

  beforeAll(async () => {
    db = await openBusDatabase(kind)
    nc = await connect({ servers: process.env.NATS_URL })
  })
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.stop()))
    const jsm = await jetstreamManager(nc)
    await jsm.streams.delete(nats.stream).catch(() => {})
    await db.orm.execute(
      sql`truncate bus_test_effects, platform.outbox, platform.deliveries, platform.processed_events, platform.dead_letters`,
    )
  })
  afterAll(async () => {
    await nc?.close()
    await db?.close()
  })

  const start = async (registry: ReturnType<typeof createConsumerRegistry>, role: BusRole, o = testBusOptions(), on: Database = db) => {
    const bus = await startEventBus({ db: on, logger, registry, options: { ...o, nats }, role })
    buses.push(bus)
    return bus
  }
  const streamMessages = async () => (await (await jetstreamManager(nc)).streams.info(nats.stream)).state.messages

  test('serve only relays; a worker delivers every event to every consumer once, whatever gets published twice', async () => {
    nats = testNatsOptions()
    const registry = createConsumerRegistry()
    registerThrowaway(registry, { consumer: 'fulfillment.on-order-placed', topic: PLACED })
    registerThrowaway(registry, { consumer: 'analytics.count-orders', topic: PLACED })
    registerThrowaway(registry, { consumer: 'analytics.count-orders', topic: CANCELED })
    const serve = await start(registry, 'serve')
    expect(serve.consuming).toBe(false)
    const placed = await appendTestEvents(db, PLACED, 20)
    await appendTestEvents(db, CANCELED, 5)
    await waitFor(
      'the relay to publish',
      () => rowCount(db, 'platform.outbox where published_at is null'),
      (n) => n === 0,
    )
    expect(await streamMessages()).toBe(25)
    expect(await effects(db)).toHaveLength(0) // nobody consumes in serve

    // the relay publishes every row again within the duplicate window: JetStream drops them
    await db.orm.execute(sql`update platform.outbox set published_at = null`)
    await waitFor(
      'the republish',
      () => rowCount(db, 'platform.outbox where published_at is null'),
      (n) => n === 0,
    )
    expect(await streamMessages()).toBe(25)
    // and once more after the window (a new message id): the consumers' dedupe catches it
    const js = jetstream(nc)
    const [row] = await queryRows<{ id: string; aggregate_id: string; payload: Record<string, unknown>; created_at: string }>(
      db.orm,
      sql`select * from platform.outbox where id = ${placed[0]}`,
    )
    const event = {
      id: placed[0] as string,
      topic: PLACED,
      aggregateId: row?.aggregate_id ?? '',
      payload: row?.payload ?? {},
      createdAt: new Date(row?.created_at ?? 0),
    }
    expect((await js.publish(subjectOf(nats, PLACED), toWire(event), { msgID: `${event.id}-late` })).duplicate).toBe(false)

    const worker = await start(registry, 'worker')
    expect(worker.consuming).toBe(true)
    await waitFor(
      'every delivery',
      () => effects(db),
      (r) => r.length >= 45,
    )
    await waitFor(
      'the duplicate to be skipped',
      () => rowCount(db, 'platform.processed_events'),
      (n) => n >= 45,
    )
    await new Promise((r) => setTimeout(r, 300))
    const rows = await effects(db)
    expect(rows).toHaveLength(45)
    expect([...countBy(rows, (r) => `${r.consumer} ${r.event_id}`).values()].every((n) => n === 1)).toBe(true)
  })

  test('a failing handler is retried with back-off (nak with delay), then dead-lettered and replayed', async () => {
    nats = testNatsOptions()
    const registry = createConsumerRegistry()
    let healthy = false
    const calls: { eventId: string; attempt: number; at: number }[] = []
    registerThrowaway(registry, { consumer: 'notifications.order-email', topic: PLACED, calls, failWhen: () => !healthy })
    await start(registry, 'start', testBusOptions({ retry: { maxAttempts: 3, baseMs: 100, maxMs: 10_000 } }))
    const [id] = await appendTestEvents(db, PLACED, 1)
    const deadLetters = createDeadLetters(db)
    const list = async () => {
      const r = await deadLetters.listDeadLetters({ limit: 10 })
      return r.ok ? r.value.deadLetters : []
    }
    const [dead] = await waitFor('the dead letter', list, (d) => d.length === 1)
    expect(dead).toMatchObject({ consumer: 'notifications.order-email', eventId: id, attempts: 3, topic: PLACED })
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3])
    const gaps = calls.slice(1).map((c, i) => c.at - (calls[i]?.at ?? 0))
    expect(gaps[0]).toBeGreaterThanOrEqual(50)
    expect(gaps[1]).toBeGreaterThanOrEqual(100)
    expect((dead?.lastFailedAt.getTime() ?? 0) - (dead?.firstFailedAt.getTime() ?? 0)).toBeGreaterThanOrEqual(100)
    expect(await rowCount(db, 'platform.deliveries')).toBe(0)
    await new Promise((r) => setTimeout(r, 300))
    expect(calls).toHaveLength(3) // terminated: JetStream does not send it again

    healthy = true
    const replayed = await deadLetters.replayDeadLetter(dead?.id ?? '')
    expect(replayed.ok).toBe(true)
    const [row] = await waitFor(
      'the replayed delivery',
      () => effects(db),
      (r) => r.length === 1,
    )
    expect(row).toMatchObject({ event_id: id, attempt: 1 })
  })

  test('a prepare step runs outside the transaction before each attempt, and its result reaches the handler', async () => {
    nats = testNatsOptions()
    const registry = createConsumerRegistry()
    const { keys } = registerPrepared(db, registry, { consumer: 'fulfillment.on-order-placed', topic: PLACED })
    const ids = await appendTestEvents(db, PLACED, 5)
    await start(registry, 'start')
    await expectPreparedOutcome(db, ids, keys, 'fulfillment.on-order-placed')
  })

  test('a backlog goes in fewer transactions than messages, and a message that keeps failing holds back none of the others', async () => {
    nats = testNatsOptions()
    const registry = createConsumerRegistry()
    const backlog = await backlogWithOneBadEvent(db, registry, 'fulfillment.on-order-placed', PLACED)
    await start(registry, 'serve')
    await waitFor(
      'the relay to publish',
      () => rowCount(db, 'platform.outbox where published_at is null'),
      (n) => n === 0,
    )
    await start(registry, 'worker')
    await expectBacklogOutcome(db, backlog)
  })

  test('two workers pull from the same durable consumer and split the events without double handling', async () => {
    nats = testNatsOptions()
    const second: Database = kind === 'postgres' ? await openPostgres(db.url as string, 5) : db
    try {
      const registryOf = (instance: string) => {
        const registry = createConsumerRegistry()
        registerThrowaway(registry, { consumer: 'fulfillment.on-order-placed', topic: PLACED, instance, delayMs: 5 })
        return registry
      }
      await Promise.all([
        start(registryOf('one'), 'worker', testBusOptions({ concurrency: 2 })),
        start(registryOf('two'), 'worker', testBusOptions({ concurrency: 2 }), second),
      ])
      const ids = await appendTestEvents(db, PLACED, 150)
      await waitFor(
        'every delivery',
        () => effects(db),
        (r) => r.length >= 150,
      )
      await Promise.all(buses.splice(0).map((b) => b.stop()))
      const rows = await effects(db)
      expect(rows).toHaveLength(150)
      expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(ids))
      const byInstance = countBy(rows, (r) => r.instance)
      expect(byInstance.get('one')).toBeGreaterThan(0)
      expect(byInstance.get('two')).toBeGreaterThan(0)
    } finally {
      if (second !== db) await second.close()
    }
  })
})
