import type { Config } from '../config/load-config.ts'
import type { RetryPolicy } from './retry-delay.ts'

export type NatsOptions = {
  readonly url: string
  readonly stream: string
  /** subjects are `<prefix>.events.<topic>` */
  readonly subjectPrefix: string
  readonly duplicateWindowMs: number
  readonly maxAgeMs: number
}

export type BusOptions = {
  /** JetStream when set; otherwise the embedded transport (a queue table in the database) */
  readonly nats?: NatsOptions
  readonly retry: RetryPolicy
  readonly pollIntervalMs: number
  readonly batchSize: number
  readonly concurrency: number
  /** the most events of one consumer handled in one transaction when several are waiting */
  readonly eventsPerTransaction: number
  /** how long a claimed delivery stays invisible to other processes (JetStream: ack wait) */
  readonly leaseMs: number
}

export const busOptionsFromConfig = (c: Config): BusOptions => ({
  ...(c.NATS_URL && {
    nats: {
      url: c.NATS_URL,
      stream: c.NATS_STREAM,
      subjectPrefix: c.NATS_SUBJECT_PREFIX,
      duplicateWindowMs: c.NATS_DUPLICATE_WINDOW_SECONDS * 1000,
      maxAgeMs: c.NATS_MAX_AGE_DAYS * 86_400_000,
    },
  }),
  retry: { maxAttempts: c.BUS_MAX_ATTEMPTS, baseMs: c.BUS_RETRY_BASE_MS, maxMs: c.BUS_RETRY_MAX_MS },
  pollIntervalMs: c.BUS_POLL_INTERVAL_MS,
  batchSize: c.BUS_BATCH_SIZE,
  concurrency: c.BUS_CONCURRENCY,
  eventsPerTransaction: c.BUS_EVENTS_PER_TRANSACTION,
  leaseMs: c.BUS_LEASE_MS,
})
