import { createTtlMemo } from '../../platform/cache/ttl-memo.ts'
import type { ShippingApi } from './contract.ts'
import type { ShippingDeps } from './deps.ts'
import { createOption, createZone, listZones, seedDefaultZones } from './use-cases/manage-zones.ts'
import { getQuote, quoteOptions, rulesFor } from './use-cases/quote.ts'

/**
 * Shipping options are looked at by every cart and checkout and change rarely, so this process
 * keeps the rules per country and currency for a while. A change made here is seen at once; one
 * made in another process within this time.
 */
export const SHIPPING_RULES_TTL_MS = 10_000

export const createShipping = (d: ShippingDeps): ShippingApi => {
  const memo = createTtlMemo({
    now: () => Date.now(),
    ttlMs: SHIPPING_RULES_TTL_MS,
    load: (key) => {
      const [country, currency] = key.split('|') as [string, string]
      return rulesFor(d, country, currency)
    },
  })
  const forgetting =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const r = await f(...a)
      memo.clear()
      return r
    }
  return {
    quoteOptions: quoteOptions((country, currency) => memo.get(`${country}|${currency}`)),
    getQuote: getQuote(d),
    listZones: listZones(d),
    createZone: forgetting(createZone(d)),
    createOption: forgetting(createOption(d)),
    seedDefaultZones: forgetting(seedDefaultZones(d)),
  }
}
