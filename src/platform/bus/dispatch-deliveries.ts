import { sql } from 'drizzle-orm'
import { type Database, queryRows } from '../db/database.ts'
import type { Logger } from '../logging/create-logger.ts'
import type { BusOptions } from './bus-options.ts'
import type { BusEvent, ConsumerRegistry } from './consumer-registry.ts'
import { deliverTogether, handleDeliveries, handleDelivery } from './handle-delivery.ts'
import { loadEvents } from './load-events.ts'
import { describeError, settleFailure } from './settle-failure.ts'

export type DispatchDeps = {
  readonly db: Database
  readonly registry: ConsumerRegistry
  readonly options: Pick<BusOptions, 'retry' | 'batchSize' | 'concurrency' | 'eventsPerTransaction' | 'leaseMs'>
  readonly logger: Logger
}

type Claimed = { consumer: string; event_id: string; topic: string; attempts: number }

/** A delivery row's key. */
export type DeliveryKey = { readonly consumer: string; readonly event_id: string }

/**
 * Claims due deliveries of this process's consumers in one statement: the attempt is counted
 * and the row hidden for one lease. A process that dies mid-delivery leaves the row to reappear
 * when the lease ends (the redelivery is deduped); one that keeps dying runs out of attempts.
 * `inFlight`: rows this process is still handling, never claimed again by it even when a slow
 * handler outlives their lease (another process may, as after a crash).
 */
export const claimDeliveries = (
  db: Database,
  consumers: readonly string[],
  limit: number,
  leaseMs: number,
  inFlight: readonly DeliveryKey[] = [],
): Promise<Claimed[]> =>
  queryRows<Claimed>(
    db.orm,
    sql`update platform.deliveries d
           set attempts = d.attempts + 1, available_at = now() + ${leaseMs}::int * interval '1 millisecond'
          from (select consumer, event_id from platform.deliveries
                 where available_at <= now() and consumer in ${consumers}${
                   inFlight.length > 0
                     ? sql` and (consumer, event_id) not in (${sql.join(
                         inFlight.map((k) => sql`(${k.consumer}, ${k.event_id})`),
                         sql`, `,
                       )})`
                     : sql``
                 }
                 order by available_at limit ${limit} for update skip locked) c
         where d.consumer = c.consumer and d.event_id = c.event_id
     returning d.consumer, d.event_id, d.topic, d.attempts`,
  )

/** Records a failed delivery: its next attempt, or, after the last, a dead letter. */
const settleRow = async (d: DispatchDeps, c: Claimed, event: BusEvent | undefined, e: unknown): Promise<void> => {
  const failed = event ?? { id: c.event_id, topic: c.topic, aggregateId: '', payload: {}, createdAt: new Date() }
  const attempt = Math.min(c.attempts, d.options.retry.maxAttempts)
  const settled = await settleFailure(
    d.db,
    { consumer: c.consumer, event: failed, attempt, error: describeError(e), queued: true },
    d.options.retry,
  )
  const level = settled.outcome === 'dead' ? 'error' : 'warn'
  d.logger[level]({ err: e, consumer: c.consumer, eventId: c.event_id, topic: c.topic, attempt, ...settled }, 'event delivery failed')
}

const deliverOne = async (d: DispatchDeps, c: Claimed, event: BusEvent | undefined): Promise<void> => {
  const sub = d.registry.find(c.consumer, c.topic)
  try {
    if (c.attempts > d.options.retry.maxAttempts)
      throw new Error(`attempt ${c.attempts - 1} recorded no result (the process stopped, or the handler outlived BUS_LEASE_MS)`)
    if (!event) throw new Error(`event ${c.event_id} is neither in the outbox nor in a dead letter`)
    if (!sub) throw new Error(`${c.consumer} has no handler for ${c.topic} in this process`)
    const outcome = await handleDelivery(d.db, sub, event, c.attempts)
    d.logger.debug({ consumer: c.consumer, eventId: c.event_id, topic: c.topic, outcome }, 'event delivered')
  } catch (e) {
    await settleRow(d, c, event, e)
  }
}

/**
 * The claimed rows cut into transactions: rows of the same consumer and topic go together, in the
 * order claimed, so many rows are shared out among `concurrency` transactions of at most `most` rows.
 */
export const groupForTransactions = (claimed: readonly Claimed[], concurrency: number, most: number): Claimed[][] => {
  const size = Math.max(1, Math.min(most, Math.ceil(claimed.length / concurrency)))
  const byConsumer = new Map<string, Claimed[]>()
  for (const c of claimed) {
    const key = `${c.consumer}\u0000${c.topic}`
    const rows = byConsumer.get(key)
    if (rows) rows.push(c)
    else byConsumer.set(key, [c])
  }
  const groups: Claimed[][] = []
  for (const rows of byConsumer.values()) for (let i = 0; i < rows.length; i += size) groups.push(rows.slice(i, i + size))
  return groups
}

/**
 * Rows of one consumer in one transaction ({@link deliverTogether}); a row that cannot be handed to
 * its handler goes alone. A failed delivery is settled (retry or dead letter); only a failure to
 * record that (the database gone) is thrown.
 */
export const deliverGroup = async (d: DispatchDeps, group: readonly Claimed[], events: ReadonlyMap<string, BusEvent>): Promise<void> => {
  const first = group[0] as Claimed
  const sub = d.registry.find(first.consumer, first.topic)
  const rows = group.map((c) => ({ c, event: events.get(c.event_id) }))
  const deliverable = (r: (typeof rows)[number]) =>
    sub !== undefined && r.event !== undefined && r.c.attempts <= d.options.retry.maxAttempts
  for (const r of rows.filter((r) => !deliverable(r))) await deliverOne(d, r.c, r.event)
  if (!sub) return
  const ready = rows.filter(deliverable).map((r) => ({ c: r.c, delivery: { event: r.event as BusEvent, attempt: r.c.attempts } }))
  await deliverTogether(ready, {
    together: async (rs) => {
      const outcomes = await handleDeliveries(
        d.db,
        sub,
        rs.map((r) => r.delivery),
        'queue',
      )
      d.logger.debug({ consumer: first.consumer, topic: first.topic, events: rs.length, outcomes }, 'events delivered together')
    },
    failed: (r, e) => settleRow(d, r.c, r.delivery.event, e),
    alone: (r) => deliverOne(d, r.c, r.delivery.event),
  })
}

/** Claimed rows cut into transactions, with the events they carry. */
export type ClaimedWork = {
  readonly groups: readonly (readonly Claimed[])[]
  readonly events: ReadonlyMap<string, BusEvent>
  /** every row asked for was there: more may be waiting */
  readonly full: boolean
}

/**
 * Claims due rows for `lanes` transactions (up to `eventsPerTransaction` rows each, at most
 * `batchSize`), leaving out the rows `inFlight`, loads their events and cuts them into
 * transactions; null when nothing is due.
 */
export const claimWork = async (d: DispatchDeps, lanes: number, inFlight: readonly DeliveryKey[]): Promise<ClaimedWork | null> => {
  const consumers = [...new Set(d.registry.subscriptions().map((s) => s.consumer))]
  if (consumers.length === 0 || lanes < 1) return null
  const limit = Math.min(d.options.batchSize, lanes * d.options.eventsPerTransaction)
  const claimed = await claimDeliveries(d.db, consumers, limit, d.options.leaseMs, inFlight)
  if (claimed.length === 0) return null
  const events = await loadEvents(
    d.db.orm,
    claimed.map((c) => c.event_id),
  )
  return { groups: groupForTransactions(claimed, lanes, d.options.eventsPerTransaction), events, full: claimed.length === limit }
}
