import { Gauge } from 'prom-client'
import { metricsRegistry } from './registry.ts'
import { sourceSet } from './scrape-sources.ts'

export type PipelineReading = {
  /** age of the oldest event not yet relayed from the outbox, 0 when it is empty */
  readonly outboxLagSeconds: number
  readonly outboxPending: number
  /** deliveries queued or retrying for some consumer */
  readonly deliveriesPending: number
  /** events a consumer gave up on, not yet replayed */
  readonly deadLetters: number
}
/** The event pipeline's state, read from the database at scrape time (shared: the largest reading wins). */
export const pipelineSources = sourceSet<{ readonly read: () => Promise<PipelineReading> }>()

let last: Promise<PipelineReading | null> | null = null
/** One database read serves every gauge of a scrape (and scrapes within a second of each other). */
const reading = (): Promise<PipelineReading | null> => {
  if (last) return last
  const [source] = pipelineSources.each()
  last = source ? source.read().catch(() => null) : Promise.resolve(null)
  setTimeout(() => {
    last = null
  }, 1000).unref()
  return last
}

const gauge = (name: string, help: string, pick: (r: PipelineReading) => number) =>
  new Gauge({
    name,
    help,
    aggregator: 'max',
    registers: [metricsRegistry],
    async collect() {
      const r = await reading()
      if (r) this.set(pick(r))
    },
  })

export const outboxLag = gauge(
  'crest_outbox_lag_seconds',
  'Age of the oldest event in the outbox not yet relayed (0 when all are relayed)',
  (r) => r.outboxLagSeconds,
)
export const outboxPending = gauge('crest_outbox_pending_events', 'Events in the outbox not yet relayed', (r) => r.outboxPending)
export const deliveriesPending = gauge(
  'crest_event_deliveries_pending',
  'Event deliveries queued or waiting for a retry, over all consumers',
  (r) => r.deliveriesPending,
)
export const deadLetters = gauge(
  'crest_event_dead_letters',
  'Events a consumer gave up on and that have not been replayed',
  (r) => r.deadLetters,
)
