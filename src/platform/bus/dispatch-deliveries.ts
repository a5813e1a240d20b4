import { sql } from 'drizzle-orm'
import { type Database, queryRows } from '../db/database.ts'
import type { Logger } from '../logging/create-logger.ts'
import type { BusOptions } from './bus-options.ts'
import type { BusEvent, ConsumerRegistry } from './consumer-registry.ts'
import { handleDelivery } from './handle-delivery.ts'
import { loadEvents } from './load-events.ts'
import { describeError, settleFailure } from './settle-failure.ts'

export type DispatchDeps = {
  readonly db: Database
  readonly registry: ConsumerRegistry
  readonly options: Pick<BusOptions, 'retry' | 'batchSize' | 'concurrency' | 'leaseMs'>
  readonly logger: Logger
}

type Claimed = { consumer: string; event_id: string; topic: string; attempts: number }

/**
 * Claims due deliveries of this process's consumers in one statement: the attempt is counted
 * and the row hidden for one lease. A process that dies mid-delivery leaves the row to reappear
 * when the lease ends (the redelivery is deduped); one that keeps dying runs out of attempts.
 */
export const claimDeliveries = (db: Database, consumers: readonly string[], limit: number, leaseMs: number): Promise<Claimed[]> =>
  queryRows<Claimed>(
    db.orm,
    sql`update platform.deliveries d
           set attempts = d.attempts + 1, available_at = now() + ${leaseMs}::int * interval '1 millisecond'
          from (select consumer, event_id from platform.deliveries
                 where available_at <= now() and consumer in ${consumers}
                 order by available_at limit ${limit} for update skip locked) c
         where d.consumer = c.consumer and d.event_id = c.event_id
     returning d.consumer, d.event_id, d.topic, d.attempts`,
  )

const deliverOne = async (d: DispatchDeps, c: Claimed, event: BusEvent | undefined): Promise<void> => {
  const { maxAttempts } = d.options.retry
  const sub = d.registry.find(c.consumer, c.topic)
  const overdue = c.attempts > maxAttempts
  try {
    if (overdue) throw new Error(`attempt ${c.attempts - 1} recorded no result (the process stopped, or the handler outlived BUS_LEASE_MS)`)
    if (!event) throw new Error(`event ${c.event_id} is neither in the outbox nor in a dead letter`)
    if (!sub) throw new Error(`${c.consumer} has no handler for ${c.topic} in this process`)
    const outcome = await handleDelivery(d.db, sub, event, c.attempts)
    d.logger.debug({ consumer: c.consumer, eventId: c.event_id, topic: c.topic, outcome }, 'event delivered')
  } catch (e) {
    const failed = event ?? { id: c.event_id, topic: c.topic, aggregateId: '', payload: {}, createdAt: new Date() }
    const attempt = overdue ? maxAttempts : c.attempts
    const settled = await settleFailure(
      d.db,
      { consumer: c.consumer, event: failed, attempt, error: describeError(e), queued: true },
      d.options.retry,
    )
    const level = settled.outcome === 'dead' ? 'error' : 'warn'
    d.logger[level]({ err: e, consumer: c.consumer, eventId: c.event_id, topic: c.topic, attempt, ...settled }, 'event delivery failed')
  }
}

/** One batch of the dispatcher: claim, deliver concurrently, settle failures. Returns how many it claimed. */
export const dispatchDeliveries = async (d: DispatchDeps): Promise<number> => {
  const consumers = [...new Set(d.registry.subscriptions().map((s) => s.consumer))]
  if (consumers.length === 0) return 0
  const claimed = await claimDeliveries(d.db, consumers, Math.min(d.options.batchSize, d.options.concurrency), d.options.leaseMs)
  if (claimed.length === 0) return 0
  const events = await loadEvents(
    d.db.orm,
    claimed.map((c) => c.event_id),
  )
  await Promise.all(claimed.map((c) => deliverOne(d, c, events.get(c.event_id))))
  return claimed.length
}
