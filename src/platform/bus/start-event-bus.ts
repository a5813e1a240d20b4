import { jetstream, jetstreamManager } from '@nats-io/jetstream'
import { connect } from '@nats-io/transport-node'
import type { Database } from '../db/database.ts'
import type { Logger } from '../logging/create-logger.ts'
import type { BusOptions, NatsOptions } from './bus-options.ts'
import type { ConsumerRegistry } from './consumer-registry.ts'
import { startDispatchLanes } from './dispatch-lanes.ts'
import { fanOutOutbox } from './fan-out-outbox.ts'
import { consumeJetStream } from './nats/consume-jetstream.ts'
import { ensureConsumers, ensureStream } from './nats/jetstream-topology.ts'
import { publishOutbox } from './nats/publish-outbox.ts'
import { type PollLoop, startPollLoop } from './poll-loop.ts'

/** `serve` relays; `worker` relays and consumes; `start` is both. Without NATS every role consumes. */
export type BusRole = 'serve' | 'worker' | 'start'

export type EventBusDeps = {
  readonly db: Database
  readonly logger: Logger
  readonly registry: ConsumerRegistry
  readonly options: BusOptions
  readonly role: BusRole
}

export type EventBus = {
  readonly transport: 'embedded' | 'nats'
  /** whether this process runs the consumers (not only the relay) */
  readonly consuming: boolean
  /** throws when the bus cannot work (for /readyz) */
  readonly check: () => Promise<void>
  /** stops relaying and pulling, and waits for deliveries in progress */
  readonly stop: () => Promise<void>
}

/** The database queue: the embedded transport's deliveries, and dead-letter replays with either transport. */
const startDispatcher = (d: EventBusDeps): PollLoop | undefined => {
  if (d.registry.subscriptions().length === 0) return undefined
  return startDispatchLanes({ ...d, intervalMs: d.options.pollIntervalMs })
}

const startEmbedded = (d: EventBusDeps): EventBus => {
  const dispatcher = startDispatcher(d)
  const relay = startPollLoop({
    name: 'relay',
    intervalMs: d.options.pollIntervalMs,
    fullBatch: d.options.batchSize,
    run: async () => {
      const r = await fanOutOutbox(d.db, d.registry.consumersOf, d.options.batchSize)
      if (r.deliveries > 0) dispatcher?.wake()
      return r.events
    },
    logger: d.logger,
  })
  return {
    transport: 'embedded',
    consuming: true,
    check: async () => {},
    stop: async () => {
      await relay.stop()
      await dispatcher?.stop()
    },
  }
}

const startNats = async (d: EventBusDeps, nats: NatsOptions): Promise<EventBus> => {
  // noAsyncTraces: no Error built (stack captured) for every request and publish just in case it
  // fails later; a failure still says what failed, only not where it was started from
  const nc = await connect({ servers: nats.url, name: `crest-${d.role}`, maxReconnectAttempts: -1, noAsyncTraces: true })
  const js = jetstream(nc)
  await ensureStream(await jetstreamManager(nc), nats)
  await ensureConsumers(await jetstreamManager(nc), nats, d.registry.subscriptions(), d.options.leaseMs)
  const relay = startPollLoop({
    name: 'relay',
    intervalMs: d.options.pollIntervalMs,
    fullBatch: d.options.batchSize,
    run: () => publishOutbox(d.db, js, nats, d.options.batchSize),
    logger: d.logger,
  })
  const consuming = d.role !== 'serve'
  const consumers = consuming ? await consumeJetStream({ ...d, js, nats }) : undefined
  const replays = consuming ? startDispatcher(d) : undefined
  return {
    transport: 'nats',
    consuming,
    check: async () => {
      if (nc.isClosed()) throw new Error('the NATS connection is closed')
    },
    stop: async () => {
      await relay.stop()
      await consumers?.stop()
      await replays?.stop()
      if (!nc.isClosed()) await nc.drain()
    },
  }
}

/** Starts the relay (and, by role, the consumers) of the transport the options name. */
export const startEventBus = (d: EventBusDeps): Promise<EventBus> =>
  d.options.nats ? startNats(d, d.options.nats) : Promise.resolve(startEmbedded(d))
