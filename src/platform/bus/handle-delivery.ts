import { and, eq, inArray } from 'drizzle-orm'
import type { Database, Tx } from '../db/database.ts'
import { deliveries, processedEvents } from '../db/platform-schema.ts'
import { type BusEvent, eventIdempotencyKey, type HandlerContext, type Subscription } from './consumer-registry.ts'

export type HandleOutcome = 'handled' | 'duplicate'

/** One event for one consumer, with the attempt it is on (1-based). */
export type Delivery = { readonly event: BusEvent; readonly attempt: number }

/**
 * Where the delivery came from: a row of `platform.deliveries` (the embedded queue, replays), which
 * the commit must clear, or a JetStream message, which the caller acknowledges after the commit.
 */
export type DeliverySource = 'queue' | 'stream'

/** Thrown by {@link handleDeliveries} when the handler failed on one event: which one, and why. */
export class HandlerFailed extends Error {
  constructor(
    readonly delivery: Delivery,
    override readonly cause: unknown,
  ) {
    super(`the handler failed on event ${delivery.event.id}`)
  }
}

const keysFor =
  (sub: Subscription, d: Delivery) =>
  (step?: string): string =>
    eventIdempotencyKey(sub.consumer, d.event.id, step)

const contextFor = (tx: Tx, sub: Subscription, d: Delivery, prepared: unknown): HandlerContext => ({
  tx,
  attempt: d.attempt,
  idempotencyKey: keysFor(sub, d),
  prepared,
})

/**
 * The subscription's `prepare` for each event of the batch not yet recorded as processed, outside any
 * transaction, in order; a failure is the handler's on that event ({@link HandlerFailed}).
 */
const prepareAll = async (db: Database, sub: Subscription, batch: readonly Delivery[]): Promise<Map<string, unknown>> => {
  const prepared = new Map<string, unknown>()
  const { prepare } = sub
  if (!prepare) return prepared
  const ids = [...new Set(batch.map((d) => d.event.id))]
  const done = await db.orm
    .select({ eventId: processedEvents.eventId })
    .from(processedEvents)
    .where(and(eq(processedEvents.consumer, sub.consumer), inArray(processedEvents.eventId, ids)))
  const skip = new Set(done.map((r) => r.eventId))
  for (const d of batch) {
    if (skip.has(d.event.id) || prepared.has(d.event.id)) continue
    try {
      prepared.set(d.event.id, await prepare(d.event, { attempt: d.attempt, idempotencyKey: keysFor(sub, d) }))
    } catch (e) {
      throw new HandlerFailed(d, e)
    }
  }
  return prepared
}

/**
 * Delivers events to one consumer, effectively once. First, outside any transaction, the
 * subscription's `prepare` (if it has one) for each event not recorded as processed yet; then one
 * transaction: it records each (consumer, event id) in `processed_events`, runs the handler for the events not recorded before,
 * in the given order, and clears the consumer's delivery rows when they came from the queue. An
 * event already recorded (a redelivery after a crash, a republished row, a lost ack) is not handed
 * to the handler. When a handler throws, nothing commits and the error is rethrown: the caller
 * retries the events, one by one when there were several, so one bad event cannot hold back the others.
 *
 * Two deliveries of the same event racing each other are safe too: the second insert waits on
 * the first one's key and then finds it.
 */
export const handleDeliveries = async (
  db: Database,
  sub: Subscription,
  batch: readonly Delivery[],
  source: DeliverySource,
): Promise<HandleOutcome[]> => {
  const prepared = await prepareAll(db, sub, batch)
  return db.orm.transaction(async (tx) => {
    const ids = [...new Set(batch.map((d) => d.event.id))]
    const recorded = await tx
      .insert(processedEvents)
      .values(ids.map((eventId) => ({ consumer: sub.consumer, eventId })))
      .onConflictDoNothing()
      .returning({ eventId: processedEvents.eventId })
    const fresh = new Set(recorded.map((r) => r.eventId))
    const todo = batch.filter((d, i) => fresh.has(d.event.id) && batch.findIndex((o) => o.event.id === d.event.id) === i)
    if (todo.length > 0 && sub.handleMany)
      await sub.handleMany(
        todo.map((d) => d.event),
        tx,
      )
    else
      for (const d of todo) {
        try {
          // recorded when prepare looked, and no longer (pruned meanwhile): prepare it on the retry
          if (sub.prepare && !prepared.has(d.event.id)) throw new Error(`event ${d.event.id} was not prepared`)
          await sub.handle(d.event, contextFor(tx, sub, d, prepared.get(d.event.id)))
        } catch (e) {
          throw new HandlerFailed(d, e)
        }
      }
    if (source === 'queue') await tx.delete(deliveries).where(and(eq(deliveries.consumer, sub.consumer), inArray(deliveries.eventId, ids)))
    return batch.map((d) => (todo.includes(d) ? 'handled' : 'duplicate'))
  })
}

/** One event: {@link handleDeliveries} with a batch of one. */
export const handleDelivery = async (
  db: Database,
  sub: Subscription,
  event: BusEvent,
  attempt: number,
  source: DeliverySource = 'queue',
): Promise<HandleOutcome> => {
  try {
    const [outcome] = await handleDeliveries(db, sub, [{ event, attempt }], source)
    return outcome ?? 'duplicate'
  } catch (e) {
    throw e instanceof HandlerFailed ? e.cause : e
  }
}

export type TogetherSteps<T> = {
  /** one transaction for all the items (passing their `delivery` to {@link handleDeliveries}) */
  readonly together: (items: readonly T[]) => Promise<void>
  /** records the handler's failure on an item (a retry later, or a dead letter) */
  readonly failed: (item: T, error: unknown) => Promise<void>
  /** delivers one item on its own, with its own retry */
  readonly alone: (item: T) => Promise<void>
}

/**
 * Delivers items of one consumer in one transaction. When the handler fails on one of them, that
 * one is recorded as failed and the others go again together (those before it are handled twice,
 * rolled back the first time, as after any crash); when something else fails, each goes alone.
 */
export const deliverTogether = async <T extends { readonly delivery: Delivery }>(
  items: readonly T[],
  steps: TogetherSteps<T>,
): Promise<void> => {
  let rest = items
  while (rest.length > 1) {
    try {
      await steps.together(rest)
      return
    } catch (e) {
      const at = e instanceof HandlerFailed ? rest.findIndex((i) => i.delivery === e.delivery) : -1
      if (at < 0) break
      await steps.failed(rest[at] as T, (e as HandlerFailed).cause)
      rest = rest.filter((_, i) => i !== at)
    }
  }
  for (const item of rest) await steps.alone(item)
}
