import type { Config } from '../../../platform/config/load-config.ts'

export type LiveRatesOptions = {
  /** false: only the zone options (the default) */
  readonly enabled: boolean
  /** a carrier's answer (cache miss) waits at most this long; then the zone options alone */
  readonly timeoutMs: number
  /** rates are reused this long per carrier, origin, destination and weight band */
  readonly cacheSeconds: number
  /** a live option shown to a cart can be checked out at its price this long */
  readonly quoteSeconds: number
}

export const liveRatesOptionsFromConfig = (
  c: Pick<Config, 'LIVE_RATES' | 'LIVE_RATES_TIMEOUT_MS' | 'LIVE_RATES_CACHE_SECONDS' | 'LIVE_RATES_QUOTE_SECONDS'>,
): LiveRatesOptions => ({
  enabled: c.LIVE_RATES,
  timeoutMs: c.LIVE_RATES_TIMEOUT_MS,
  cacheSeconds: c.LIVE_RATES_CACHE_SECONDS,
  quoteSeconds: c.LIVE_RATES_QUOTE_SECONDS,
})
