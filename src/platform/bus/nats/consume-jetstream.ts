import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream'
import type { Database } from '../../db/database.ts'
import type { Logger } from '../../logging/create-logger.ts'
import type { BusOptions, NatsOptions } from '../bus-options.ts'
import type { BusEvent, ConsumerRegistry, Subscription } from '../consumer-registry.ts'
import { type Delivery, deliverTogether, handleDeliveries, handleDelivery } from '../handle-delivery.ts'
import { describeError, settleFailure } from '../settle-failure.ts'
import { durableName } from './jetstream-topology.ts'
import { fromWire } from './wire-event.ts'

export type ConsumeDeps = {
  readonly db: Database
  readonly js: JetStreamClient
  readonly nats: NatsOptions
  readonly registry: ConsumerRegistry
  readonly options: Pick<BusOptions, 'retry' | 'concurrency' | 'eventsPerTransaction' | 'leaseMs'>
  readonly logger: Logger
}

/** Records a failed delivery: nak with the back-off delay, or, after the last attempt, dead-letter it and `term` the message. */
const settleMessage = async (d: ConsumeDeps, sub: Subscription, m: JsMsg, event: BusEvent, e: unknown): Promise<void> => {
  const attempt = m.info.deliveryCount
  const { maxAttempts } = d.options.retry
  const failed = { consumer: sub.consumer, event, attempt: Math.min(attempt, maxAttempts), error: describeError(e), queued: false }
  try {
    const settled = await settleFailure(d.db, failed, d.options.retry)
    if (settled.outcome === 'dead') m.term()
    else m.nak(settled.delayMs)
    d.logger[settled.outcome === 'dead' ? 'error' : 'warn'](
      { err: e, consumer: sub.consumer, eventId: event.id, attempt, ...settled },
      'event delivery failed',
    )
  } catch (e2) {
    d.logger.error({ err: e2, consumer: sub.consumer, eventId: event.id }, 'could not record a failed delivery; JetStream redelivers it')
    m.nak(d.options.retry.baseMs)
  }
}

type Received = { readonly m: JsMsg; readonly delivery: Delivery }

/** Handles one message: ack after the handler's transaction commits; on failure settle it as above. */
const handleMessage = async (d: ConsumeDeps, sub: Subscription, { m, delivery }: Received): Promise<void> => {
  const { event, attempt } = delivery
  try {
    if (attempt > d.options.retry.maxAttempts)
      throw new Error(`attempt ${attempt - 1} recorded no result (the process stopped, or the handler outlived BUS_LEASE_MS)`)
    await handleDelivery(d.db, sub, event, attempt, 'stream')
  } catch (e) {
    return settleMessage(d, sub, m, event, e)
  }
  m.ack() // after the commit: a lost ack only means a redelivery, which is deduped
  d.logger.debug({ consumer: sub.consumer, eventId: event.id, topic: sub.topic, attempt }, 'event delivered')
}

/**
 * Handles messages of one consumer together, in one transaction, all acknowledged after its
 * commit ({@link deliverTogether}); a message on an attempt past the last goes alone.
 */
const handleMessages = async (d: ConsumeDeps, sub: Subscription, ms: readonly JsMsg[]): Promise<void> => {
  const received: Received[] = []
  for (const m of ms) {
    const event = fromWire(m.string())
    if (event) received.push({ m, delivery: { event, attempt: m.info.deliveryCount } })
    else {
      d.logger.error({ subject: m.subject, seq: m.seq }, 'not an event; dropping the message')
      m.term()
    }
  }
  const due = received.filter((r) => r.delivery.attempt <= d.options.retry.maxAttempts)
  for (const r of received.filter((r) => !due.includes(r))) await handleMessage(d, sub, r)
  await deliverTogether(due, {
    together: async (rs) => {
      await handleDeliveries(
        d.db,
        sub,
        rs.map((r) => r.delivery),
        'stream',
      )
      for (const r of rs) r.m.ack()
      d.logger.debug({ consumer: sub.consumer, topic: sub.topic, events: rs.length }, 'events delivered together')
    },
    failed: (r, e) => settleMessage(d, sub, r.m, r.delivery.event, e),
    alone: (r) => handleMessage(d, sub, r),
  })
}

/**
 * Pulls from one durable consumer until stopped. Up to `concurrency` transactions at once; the
 * messages waiting when one starts are shared out among the free ones, at most
 * `eventsPerTransaction` each, so a backlog is worked off with fewer, larger transactions.
 */
const consumeOne = async (d: ConsumeDeps, sub: Subscription, isStopping: () => boolean) => {
  const { concurrency, eventsPerTransaction } = d.options
  const consumer = await d.js.consumers.get(d.nats.stream, durableName(sub.consumer, sub.topic))
  const messages = await consumer.consume({ max_messages: concurrency * eventsPerTransaction })
  const waiting: JsMsg[] = []
  const inFlight = new Set<Promise<void>>()
  let scheduled = false
  let roomFreed: (() => void) | undefined
  const start = () => {
    scheduled = false
    while (inFlight.size < concurrency && waiting.length > 0) {
      const share = Math.min(eventsPerTransaction, Math.ceil(waiting.length / (concurrency - inFlight.size)))
      const p = handleMessages(d, sub, waiting.splice(0, share)).finally(() => {
        inFlight.delete(p)
        schedule()
      })
      inFlight.add(p)
    }
    roomFreed?.()
  }
  // after the messages that arrived together are all waiting, so that they can go together
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    setImmediate(start)
  }
  const loop = (async () => {
    for await (const m of messages) {
      if (isStopping()) {
        m.nak() // buffered but not started: hand it to another worker now instead of after the ack wait
        continue
      }
      waiting.push(m)
      schedule()
      while (waiting.length >= concurrency * eventsPerTransaction) await new Promise<void>((r) => (roomFreed = r))
    }
    for (const m of waiting.splice(0)) m.nak()
    await Promise.allSettled([...inFlight])
  })().catch((err) => d.logger.error({ err, consumer: sub.consumer, topic: sub.topic }, 'JetStream consumer stopped'))
  return { messages, loop }
}

export type JetStreamConsumers = { readonly stop: () => Promise<void> }

/** Starts a pull loop per subscription; `stop` stops pulling and waits for the deliveries in progress. */
export const consumeJetStream = async (d: ConsumeDeps): Promise<JetStreamConsumers> => {
  let stopping = false
  const running: { messages: ConsumerMessages; loop: Promise<void> }[] = []
  for (const sub of d.registry.subscriptions()) running.push(await consumeOne(d, sub, () => stopping))
  return {
    stop: async () => {
      stopping = true
      await Promise.all(running.map((r) => r.messages.close()))
      await Promise.all(running.map((r) => r.loop))
    },
  }
}
