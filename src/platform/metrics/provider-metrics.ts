import { Counter, Gauge } from 'prom-client'
import { metricsRegistry } from './registry.ts'
import { sourceSet } from './scrape-sources.ts'

export type BreakerState = 'closed' | 'open' | 'half_open'
/** What a guarded external provider (payment gateway, carrier) reports about itself. */
export type ProviderReading = {
  readonly name: string
  readonly breaker: BreakerState
  readonly attempts: number
  readonly failures: number
  readonly skipped: number
}
export type ProviderKind = 'payment' | 'carrier'
const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half_open']

/** Each app registers how to read its gateways' and carriers' status; read at scrape time. */
export const providerSources = sourceSet<{ readonly kind: ProviderKind; readonly read: () => readonly ProviderReading[] }>()

const readings = function* (kind: ProviderKind) {
  for (const s of providerSources.each()) if (s.kind === kind) yield* s.read()
}

const counterOf = (kind: ProviderKind, name: string, help: string, pick: (r: ProviderReading) => number) =>
  new Counter({
    name,
    help,
    labelNames: [kind === 'payment' ? 'gateway' : 'carrier'] as const,
    registers: [metricsRegistry],
    collect() {
      this.reset()
      for (const r of readings(kind)) this.inc(kind === 'payment' ? { gateway: r.name } : { carrier: r.name }, pick(r))
    },
  })

const breakerOf = (kind: ProviderKind, name: string, label: 'gateway' | 'carrier') =>
  new Gauge({
    name,
    help: `Circuit breaker state of each ${label}: 1 for the current state (closed, open, half_open), 0 for the others; summed over processes`,
    labelNames: [label, 'state'] as const,
    registers: [metricsRegistry],
    collect() {
      this.reset()
      for (const r of readings(kind))
        for (const state of BREAKER_STATES) this.inc({ [label]: r.name, state } as Record<'state', string>, r.breaker === state ? 1 : 0)
    },
  })

export const paymentAttempts = counterOf(
  'payment',
  'crest_payment_attempts_total',
  'Calls made to each payment gateway (every try, retries included)',
  (r) => r.attempts,
)
export const paymentFailures = counterOf(
  'payment',
  'crest_payment_failures_total',
  'Gateway calls that failed (outage or timeout; a decline is not a failure)',
  (r) => r.failures,
)
export const paymentBreakerRejections = counterOf(
  'payment',
  'crest_payment_breaker_rejections_total',
  'Gateway calls not made because the breaker was open (the next gateway was tried)',
  (r) => r.skipped,
)
export const paymentBreakerState = breakerOf('payment', 'crest_payment_breaker_state', 'gateway')
export const carrierAttempts = counterOf(
  'carrier',
  'crest_carrier_attempts_total',
  'Calls made to each shipping carrier (every try, retries included)',
  (r) => r.attempts,
)
export const carrierFailures = counterOf(
  'carrier',
  'crest_carrier_failures_total',
  'Carrier calls that failed (outage or timeout)',
  (r) => r.failures,
)
export const carrierBreakerState = breakerOf('carrier', 'crest_carrier_breaker_state', 'carrier')
