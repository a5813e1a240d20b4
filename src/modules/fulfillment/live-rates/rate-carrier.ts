import type { Carrier } from '../carriers/carrier.ts'
import { sandboxCarrier } from '../carriers/sandbox-carrier.ts'
import type { ProcessingOptions } from '../processing-options.ts'
import type { LiveRatesOptions } from './live-rates-options.ts'

/**
 * The first configured carrier, as a separate adapter for rate look-ups: its own breaker, a
 * timeout of the live-rate budget and no retries (a shopper is waiting, and the zone options are
 * the fallback). A rate outage opening this breaker leaves the booking breaker closed.
 */
export const rateCarrier = (p: Pick<ProcessingOptions, 'carriers' | 'webhookSecret'>, o: LiveRatesOptions): Carrier | null => {
  const spec = p.carriers[0]
  if (!spec) return null
  return sandboxCarrier({
    name: spec.name,
    url: spec.url,
    secret: p.webhookSecret,
    resilience: { timeoutMs: o.timeoutMs, retries: 0, breakerFailures: 3, breakerHalfOpenMs: 15_000 },
  })
}
