import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream'
import type { Database } from '../../db/database.ts'
import type { Logger } from '../../logging/create-logger.ts'
import type { BusOptions, NatsOptions } from '../bus-options.ts'
import type { ConsumerRegistry, Subscription } from '../consumer-registry.ts'
import { handleDelivery } from '../handle-delivery.ts'
import { describeError, settleFailure } from '../settle-failure.ts'
import { durableName } from './jetstream-topology.ts'
import { fromWire } from './wire-event.ts'

export type ConsumeDeps = {
  readonly db: Database
  readonly js: JetStreamClient
  readonly nats: NatsOptions
  readonly registry: ConsumerRegistry
  readonly options: Pick<BusOptions, 'retry' | 'concurrency' | 'leaseMs'>
  readonly logger: Logger
}

/**
 * Handles one message: ack after the handler's transaction commits; on failure nak with the
 * back-off delay, or, after the last attempt, dead-letter in the database and `term` the message.
 */
const handleMessage = async (d: ConsumeDeps, sub: Subscription, m: JsMsg): Promise<void> => {
  const event = fromWire(m.string())
  if (!event) {
    d.logger.error({ subject: m.subject, seq: m.seq }, 'not an event; dropping the message')
    return m.term()
  }
  const attempt = m.info.deliveryCount
  const { maxAttempts } = d.options.retry
  const overdue = attempt > maxAttempts
  try {
    if (overdue) throw new Error(`attempt ${attempt - 1} recorded no result (the process stopped, or the handler outlived BUS_LEASE_MS)`)
    await handleDelivery(d.db, sub, event, attempt)
  } catch (e) {
    const failed = { consumer: sub.consumer, event, attempt: overdue ? maxAttempts : attempt, error: describeError(e), queued: false }
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
    return
  }
  m.ack() // after the commit: a lost ack only means a redelivery, which is deduped
  d.logger.debug({ consumer: sub.consumer, eventId: event.id, topic: sub.topic, attempt }, 'event delivered')
}

/** At most `max` deliveries at once: `acquire` waits for a free slot, `release` hands it to the next waiter. */
const limiter = (max: number) => {
  let free = max
  const waiting: (() => void)[] = []
  return {
    acquire: async (): Promise<void> => {
      if (free > 0) {
        free--
        return
      }
      await new Promise<void>((resolve) => waiting.push(resolve))
    },
    release: () => {
      const next = waiting.shift()
      if (next) next()
      else free++
    },
  }
}

/** Pulls from one durable consumer until stopped, up to `concurrency` messages at once. */
const consumeOne = async (d: ConsumeDeps, sub: Subscription, isStopping: () => boolean) => {
  const consumer = await d.js.consumers.get(d.nats.stream, durableName(sub.consumer, sub.topic))
  const messages = await consumer.consume({ max_messages: d.options.concurrency })
  const slots = limiter(d.options.concurrency)
  const inFlight = new Set<Promise<void>>()
  const loop = (async () => {
    for await (const m of messages) {
      if (isStopping()) {
        m.nak() // buffered but not started: hand it to another worker now instead of after the ack wait
        continue
      }
      await slots.acquire()
      const p = handleMessage(d, sub, m).finally(() => {
        slots.release()
        inFlight.delete(p)
      })
      inFlight.add(p)
    }
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
