import { AppError } from '../app-error.ts'
import type { Tx } from '../db/database.ts'
import { isConsumerName, isTopic } from './topics.ts'

/** An outbox event as a consumer receives it. */
export type BusEvent = {
  /** the outbox row id (`evt_…`): the dedupe key, and the root of idempotency keys */
  readonly id: string
  readonly topic: string
  readonly aggregateId: string
  readonly payload: Readonly<Record<string, unknown>>
  readonly createdAt: Date
}

/** What a subscription's {@link PrepareStep} gets: no transaction, the same keys as its handler. */
export type PrepareContext = {
  /** 1 for the first delivery; retries count up to the configured maximum */
  readonly attempt: number
  /** the same keys the handler gets ({@link HandlerContext.idempotencyKey}) */
  readonly idempotencyKey: (step?: string) => string
}

export type HandlerContext<P = unknown> = {
  /**
   * The transaction the delivery runs in. Write through it only: it also records
   * (consumer, event id) in `platform.processed_events`, so the handler's writes and that record
   * commit together, and a redelivered event is skipped before the handler is called.
   */
  readonly tx: Tx
  /** 1 for the first delivery; retries count up to the configured maximum */
  readonly attempt: number
  /**
   * A stable key for a call that leaves the database (payment, e-mail, carrier): the same for
   * every delivery of this event to this consumer, so the provider dedupes a repeated call after
   * a crash or a failed commit. `step` tells several calls in one handler apart.
   */
  readonly idempotencyKey: (step?: string) => string
  /** what the subscription's `prepare` returned for this delivery (undefined without one) */
  readonly prepared: P
}

/**
 * Work of a consumer that must not hold a transaction open: a call that leaves the database (a
 * carrier, a gateway). The bus runs it before the handler's transaction, outside any transaction,
 * for each event not already recorded as processed by this consumer, and hands its result to the
 * handler as `ctx.prepared`. It runs at least once per (consumer, event) and may run again: after
 * the handler or the commit failed, after a crash, or for a redelivery racing the first one. So its
 * external calls use `ctx.idempotencyKey()`, and any database writes it makes itself (each in its
 * own short transaction, through the module's own handle, never the bus's) must be idempotent.
 * Throwing counts as the handler failing: a retry with back-off, then a dead letter. On PGlite (one
 * connection) this is where a slow call belongs: while it runs, every other query can go on.
 */
export type PrepareStep<P> = (event: BusEvent, ctx: PrepareContext) => Promise<P>

/**
 * The consumer contract. A handler is called at least once per (consumer, event) and its database
 * effects commit at most once. It must not swallow errors it wants retried: throwing rolls the
 * transaction back and schedules a retry with back-off; after the last attempt the event goes to
 * `platform.dead_letters`. External calls must use `ctx.idempotencyKey()`; they may happen again.
 */
export type EventHandler<P = unknown> = (event: BusEvent, ctx: HandlerContext<P>) => Promise<void>

/**
 * The same work as an {@link EventHandler} for several events at once (in the order given), when
 * doing them together is cheaper, e.g. one query for all. Same contract; it gets no idempotency
 * keys, so it must not call out of the database.
 */
export type BatchEventHandler = (events: readonly BusEvent[], tx: Tx) => Promise<void>

export type Subscription<P = unknown> = {
  readonly consumer: string
  readonly topic: string
  /** run outside any transaction before each delivery's transaction; its result is `ctx.prepared` */
  readonly prepare?: PrepareStep<P>
  readonly handle: EventHandler<P>
  /** when set, the bus calls this instead of `handle`, also for a single event (not with `prepare`) */
  readonly handleMany?: BatchEventHandler
}

export type ConsumerRegistry = {
  /** Registers a handler for one topic under a durable consumer name (several topics per name are fine). */
  readonly subscribe: <P>(s: Subscription<P>) => void
  readonly subscriptions: () => readonly Subscription[]
  /** The consumer names subscribed to a topic. */
  readonly consumersOf: (topic: string) => readonly string[]
  readonly find: (consumer: string, topic: string) => Subscription | undefined
}

export const eventIdempotencyKey = (consumer: string, eventId: string, step?: string): string =>
  step ? `${consumer}:${eventId}:${step}` : `${consumer}:${eventId}`

/** Where modules register their event handlers; the bus reads it when it starts. */
export const createConsumerRegistry = (): ConsumerRegistry => {
  const subs = new Map<string, Subscription>()
  const key = (consumer: string, topic: string) => `${consumer}\u0000${topic}`
  return {
    subscribe: (s) => {
      if (!isConsumerName(s.consumer))
        throw new AppError('BUS_INVALID_CONSUMER', `"${s.consumer}" is not a consumer name (<module>.<what-it-does>).`)
      if (!isTopic(s.topic)) throw new AppError('BUS_INVALID_TOPIC', `"${s.topic}" is not a topic (<module>.<past_tense>.v<N>).`)
      if (subs.has(key(s.consumer, s.topic))) throw new AppError('BUS_DUPLICATE_SUBSCRIPTION', `${s.consumer} already handles ${s.topic}.`)
      if (s.prepare && s.handleMany)
        throw new AppError(
          'BUS_INVALID_SUBSCRIPTION',
          `${s.consumer}: a batch handler gets no prepared results; drop prepare or handleMany.`,
        )
      // the handler gets what its own prepare returned: the registry does not mix them up
      subs.set(key(s.consumer, s.topic), s as unknown as Subscription)
    },
    subscriptions: () => [...subs.values()],
    consumersOf: (topic) => [...subs.values()].filter((s) => s.topic === topic).map((s) => s.consumer),
    find: (consumer, topic) => subs.get(key(consumer, topic)),
  }
}
