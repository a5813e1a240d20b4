import type { CartDeps } from './modules/cart/index.ts'
import {
  createLiveShipping,
  liveRatesOptionsFromConfig,
  processingOptionsFromConfig,
  rateCarrier,
  type ShippingApi,
} from './modules/fulfillment/index.ts'
import { AppError } from './platform/app-error.ts'
import { createHotMemo } from './platform/cache/hot-memo.ts'
import type { CacheEngine } from './platform/cache/open-cache.ts'
import type { Config } from './platform/config/load-config.ts'
import type { Database } from './platform/db/database.ts'
import { newId } from './platform/ids/new-id.ts'
import type { Logger } from './platform/logging/create-logger.ts'
import { err, ok } from './platform/result.ts'

/**
 * The shipping ports of the cart (docs/processing.md, "Live carrier rates"): with LIVE_RATES the
 * first carrier's rates, cached in Redis (or in-process) and kept per cart as quotes that checkout
 * charges; without it, or when the carrier has no rates in time, the zone options.
 */
export const wireLiveRates = (
  config: Config,
  e: { readonly db: Database; readonly cache: CacheEngine; readonly logger: Logger },
  w: { readonly shipping: ShippingApi; readonly clock: { readonly now: () => Date } },
): Pick<CartDeps, 'shippingOptions' | 'chooseShipping'> => {
  const o = liveRatesOptionsFromConfig(config)
  if (!o.enabled) return { shippingOptions: (q) => w.shipping.quoteOptions(q) }
  const processing = processingOptionsFromConfig(config)
  if (!processing.ok) throw new AppError('CONFIG_INVALID', processing.error.message)
  const live = createLiveShipping(
    {
      db: e.db,
      clock: w.clock,
      newId,
      zones: w.shipping,
      carrier: rateCarrier(processing.value, o),
      memo: createHotMemo({
        ...(e.cache.redis && { redis: e.cache.redis }),
        prefix: config.REDIS_PREFIX,
        ttlSeconds: o.cacheSeconds,
        maxLocal: 10_000,
      }),
      shipFrom: processing.value.shipFrom.country,
      onFallback: (reason) => e.logger.debug({ reason }, 'live carrier rates unavailable: zone options offered'),
    },
    o,
  )
  return {
    shippingOptions: live.quoteOptions,
    chooseShipping: async (q) => {
      const r = await live.chooseOption(q)
      return r.ok ? ok(r.value) : err({ expired: r.error.code === 'FULFILLMENT_QUOTE_EXPIRED', message: r.error.message })
    },
  }
}
