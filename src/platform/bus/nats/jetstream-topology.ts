import { createHash } from 'node:crypto'
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, type JetStreamManager, StorageType } from '@nats-io/jetstream'
import { nanos } from '@nats-io/transport-node'
import type { NatsOptions } from '../bus-options.ts'
import type { Subscription } from '../consumer-registry.ts'

const isApiError = (e: unknown, code: number): boolean => e instanceof JetStreamApiError && e.code === code

/** The subject an event is published on: `<prefix>.events.<topic>`. */
export const subjectOf = (o: Pick<NatsOptions, 'subjectPrefix'>, topic: string): string => `${o.subjectPrefix}.events.${topic}`

/**
 * The durable JetStream consumer for one (consumer, topic): readable, and unique thanks to a short
 * hash. One per topic because NATS before 2.10 filters a consumer on one subject only; every
 * process running the consumer pulls from the same durable, so they split the messages.
 */
export const durableName = (consumer: string, topic: string): string => {
  const hash = createHash('sha256').update(`${consumer}|${topic}`).digest('hex').slice(0, 8)
  return `${consumer}--${topic}`.replaceAll('.', '_').slice(0, 100) + `-${hash}`
}

/** Creates the stream if it is missing; widens its subjects if a new prefix was configured. */
export const ensureStream = async (jsm: JetStreamManager, o: NatsOptions): Promise<void> => {
  const subject = `${o.subjectPrefix}.events.>`
  try {
    const info = await jsm.streams.info(o.stream)
    if (!info.config.subjects?.includes(subject)) {
      await jsm.streams.update(o.stream, { ...info.config, subjects: [...(info.config.subjects ?? []), subject] })
    }
  } catch (e) {
    if (!isApiError(e, JetStreamApiCodes.StreamNotFound)) throw e
    await jsm.streams.add({
      name: o.stream,
      subjects: [subject],
      storage: StorageType.File,
      duplicate_window: nanos(o.duplicateWindowMs),
      max_age: nanos(o.maxAgeMs),
    })
  }
}

/**
 * Creates (or retunes) the durable pull consumer of each subscription. Every process does this at
 * start, before it relays anything, so a consumer new in this release exists before the events
 * meant for it are published; it starts with new messages, like the embedded transport.
 */
export const ensureConsumers = async (
  jsm: JetStreamManager,
  o: NatsOptions,
  subs: readonly Subscription[],
  leaseMs: number,
): Promise<void> => {
  for (const s of subs) {
    const durable = durableName(s.consumer, s.topic)
    try {
      const info = await jsm.consumers.info(o.stream, durable)
      if (info.config.ack_wait !== nanos(leaseMs)) await jsm.consumers.update(o.stream, durable, { ack_wait: nanos(leaseMs) })
    } catch (e) {
      if (!isApiError(e, JetStreamApiCodes.ConsumerNotFound)) throw e
      await jsm.consumers.add(o.stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        ack_wait: nanos(leaseMs),
        deliver_policy: DeliverPolicy.New,
        filter_subject: subjectOf(o, s.topic),
        max_deliver: -1,
      })
    }
  }
}
