import { expect } from 'vitest'
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { BusOptions, NatsOptions } from '../../src/platform/bus/bus-options.ts'
import type { BusEvent, ConsumerRegistry, HandlerContext } from '../../src/platform/bus/consumer-registry.ts'
import { type Database, queryRows } from '../../src/platform/db/database.ts'
import { createLogger } from '../../src/platform/logging/create-logger.ts'
import { appendEvents } from '../../src/platform/outbox/append-event.ts'
import { createTestDatabase, type EngineKind } from '../support/test-database.ts'

export const logger = createLogger((process.env.TEST_LOG_LEVEL ?? 'silent') as 'silent')

/** Fast timings so retries and leases play out in a test. */
export const testBusOptions = (o: Partial<BusOptions> = {}): BusOptions => ({
  retry: { maxAttempts: 3, baseMs: 20, maxMs: 200 },
  pollIntervalMs: 20,
  batchSize: 20,
  concurrency: 4,
  eventsPerTransaction: 20,
  leaseMs: 2000,
  ...o,
})

/** A stream and subject prefix of its own, so tests never see each other's events. */
export const testNatsOptions = (): NatsOptions => {
  const tag = randomBytes(4).toString('hex')
  return {
    url: process.env.NATS_URL as string,
    stream: `CREST_TEST_${tag}`,
    subjectPrefix: `crest-test-${tag}`,
    duplicateWindowMs: 60_000,
    maxAgeMs: 3_600_000,
  }
}

/** A migrated database of its own, with a table where throwaway consumers record their effects. */
export const openBusDatabase = async (kind: EngineKind) => {
  const db = await createTestDatabase(kind)
  await db.orm.execute(
    sql`create table bus_test_effects (n serial primary key, consumer text not null, event_id text not null, instance text not null, attempt int not null)`,
  )
  return db
}

export type Effect = { consumer: string; event_id: string; instance: string; attempt: number }

export const effects = (db: Database) =>
  queryRows<Effect>(db.orm, sql`select consumer, event_id, instance, attempt from bus_test_effects order by n`)

export type ThrowawayConsumer = {
  readonly consumer: string
  readonly topic: string
  readonly instance?: string
  /** throw after the effect is written (so the transaction's partial work must roll back) */
  readonly failWhen?: (event: BusEvent, ctx: HandlerContext) => boolean
  readonly delayMs?: number
  /** every call, committed or not */
  readonly calls?: { eventId: string; attempt: number; at: number }[]
  /** every transaction the handler ran in, committed or not */
  readonly transactions?: Set<unknown>
}

/** Registers a consumer whose only effect is a row in bus_test_effects, written through the delivery's transaction. */
export const registerThrowaway = (registry: ConsumerRegistry, c: ThrowawayConsumer) =>
  registry.subscribe({
    consumer: c.consumer,
    topic: c.topic,
    handle: async (event, ctx) => {
      c.calls?.push({ eventId: event.id, attempt: ctx.attempt, at: Date.now() })
      c.transactions?.add(ctx.tx)
      await ctx.tx.execute(
        sql`insert into bus_test_effects (consumer, event_id, instance, attempt) values (${c.consumer}, ${event.id}, ${c.instance ?? 'a'}, ${ctx.attempt})`,
      )
      if (c.delayMs) await new Promise((r) => setTimeout(r, c.delayMs))
      if (c.failWhen?.(event, ctx)) throw new Error(`boom on ${event.id} attempt ${ctx.attempt}`)
    },
  })

/** Appends `n` events of a topic to the outbox, the way a module's use case does. */
export const appendTestEvents = (db: Database, topic: string, n: number): Promise<string[]> =>
  db.orm.transaction((tx) =>
    appendEvents(
      tx,
      Array.from({ length: n }, (_, i) => ({ topic, aggregateId: `agg_${i}`, payload: { n: i } })),
    ),
  )

export const waitFor = async <T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  let last: T = await probe()
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last).slice(0, 500)}`)
    await new Promise((r) => setTimeout(r, 25))
    last = await probe()
  }
  return last
}

export const countBy = <T>(rows: readonly T[], key: (r: T) => string): Map<string, number> => {
  const m = new Map<string, number>()
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1)
  return m
}

export const rowCount = async (db: Database, table: string): Promise<number> => {
  const [r] = await queryRows<{ n: number }>(db.orm, sql.raw(`select count(*)::int as n from ${table}`))
  return r?.n ?? 0
}

/**
 * A backlog of 30 events for a consumer that always fails on one of them (the 8th): the other 29
 * take effect once each in fewer transactions than events, and the bad one ends as a dead letter
 * with its attempts, without holding the others back.
 */
export const backlogWithOneBadEvent = async (db: Database, registry: ConsumerRegistry, consumer: string, topic: string) => {
  const transactions = new Set<unknown>()
  const ids = await appendTestEvents(db, topic, 30)
  const bad = ids[7] as string
  registerThrowaway(registry, { consumer, topic, transactions, failWhen: (e) => e.id === bad })
  return { ids, bad, transactions }
}

/** The outcome {@link backlogWithOneBadEvent} expects once the bad event is dead-lettered. */
export const expectBacklogOutcome = async (db: Database, backlog: Awaited<ReturnType<typeof backlogWithOneBadEvent>>) => {
  const { ids, bad, transactions } = backlog
  await waitFor(
    'the bad event to be dead-lettered',
    () => rowCount(db, 'platform.dead_letters'),
    (n) => n === 1,
  )
  const done = countBy(await effects(db), (r) => r.event_id)
  expect([...done.keys()].sort()).toEqual(ids.filter((id) => id !== bad).sort())
  expect([...done.values()].every((n) => n === 1)).toBe(true)
  expect(transactions.size).toBeLessThan(29)
  const [dead] = await queryRows<{ event_id: string; attempts: number }>(db.orm, sql`select event_id, attempts from platform.dead_letters`)
  expect(dead).toEqual({ event_id: bad, attempts: 3 })
}

/**
 * A consumer with a `prepare` step. Prepare writes a row of its own on the pool (instance `prepare`),
 * which only works outside the delivery's transaction (on PGlite, a query on the pool inside it
 * waits for itself), and returns `prepared-<attempt>`; the handler writes that as its instance in the
 * delivery's transaction, and fails on every event's first attempt, so that transaction rolls back.
 */
export const registerPrepared = (db: Database, registry: ConsumerRegistry, c: { consumer: string; topic: string }) => {
  const keys = new Map<string, Set<string>>()
  registry.subscribe({
    consumer: c.consumer,
    topic: c.topic,
    prepare: async (event, ctx) => {
      keys.set(event.id, (keys.get(event.id) ?? new Set()).add(ctx.idempotencyKey('call')))
      await db.orm.execute(
        sql`insert into bus_test_effects (consumer, event_id, instance, attempt) values (${c.consumer}, ${event.id}, 'prepare', ${ctx.attempt})`,
      )
      return `prepared-${ctx.attempt}`
    },
    handle: async (event, ctx) => {
      await ctx.tx.execute(
        sql`insert into bus_test_effects (consumer, event_id, instance, attempt) values (${c.consumer}, ${event.id}, ${ctx.prepared}, ${ctx.attempt})`,
      )
      if (ctx.attempt === 1) throw new Error(`boom on ${event.id}`)
    },
  })
  return { keys }
}

/**
 * What {@link registerPrepared} expects once every event is handled: prepare ran for each event on
 * both attempts (its rows stayed although the first attempt's transaction rolled back) with the same
 * key every time, and the handler's effect is there once, from the second attempt, with that
 * attempt's prepared value.
 */
export const expectPreparedOutcome = async (db: Database, ids: readonly string[], keys: Map<string, Set<string>>, consumer: string) => {
  const rows = await waitFor(
    'every event handled',
    () => effects(db),
    (r) => r.filter((e) => e.instance !== 'prepare').length >= ids.length,
  )
  for (const id of ids) {
    const mine = rows.filter((r) => r.event_id === id)
    expect(mine.filter((r) => r.instance !== 'prepare')).toEqual([{ consumer, event_id: id, instance: 'prepared-2', attempt: 2 }])
    expect(new Set(mine.filter((r) => r.instance === 'prepare').map((r) => r.attempt))).toEqual(new Set([1, 2]))
    expect([...(keys.get(id) ?? [])]).toEqual([`${consumer}:${id}:call`])
  }
}
