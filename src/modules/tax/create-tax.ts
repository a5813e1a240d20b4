import type { Database } from '../../platform/db/database.ts'
import { ok } from '../../platform/result.ts'
import type { TaxApi } from './contract.ts'
import { DEFAULT_RATES } from './domain/default-rates.ts'
import { normalizeRate, placeKey } from './domain/normalize-rate.ts'
import { createTtlMemo } from '../../platform/cache/ttl-memo.ts'
import { insertMissingRates, listRateRows, lookupRate, upsertRate } from './store/rate-sql.ts'

export type TaxDeps = {
  readonly db: Database
  readonly clock?: { readonly now: () => Date }
  /**
   * How long a looked-up rate is kept in this process. `setRate` clears this process's cache at
   * once; other processes see a change within this time. Default 60 s.
   */
  readonly cacheTtlMs?: number
}

const NO_TAX = { rateBp: 0, name: '' }

export const createTax = (d: TaxDeps): TaxApi => {
  const clock = d.clock ?? { now: () => new Date() }
  const cache = createTtlMemo({
    now: () => clock.now().getTime(),
    ttlMs: d.cacheTtlMs ?? 60_000,
    load: async (key) => {
      const [country, region] = JSON.parse(key) as [string, string]
      return (await lookupRate(d.db.orm, country, region)) ?? NO_TAX
    },
  })
  return {
    rateFor: (q) => {
      const { country, region } = placeKey(q.country, q.region)
      return cache.get(JSON.stringify([country, region]))
    },
    listRates: () => listRateRows(d.db.orm),
    setRate: async (input) => {
      const valid = normalizeRate(input)
      if (!valid.ok) return valid
      const rate = await upsertRate(d.db.orm, valid.value)
      cache.clear()
      return ok(rate)
    },
    seedDefaultRates: async () => {
      const inserted = await insertMissingRates(d.db.orm, DEFAULT_RATES)
      if (inserted > 0) cache.clear()
      return { inserted }
    },
  }
}
