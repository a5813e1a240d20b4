import type { Result } from '../../platform/result.ts'
import type { TaxError } from './errors.ts'

/** A stored rate: per country, optionally per region ('' = the whole country). */
export type TaxRate = { readonly country: string; readonly region: string; readonly rate_bp: number; readonly name: string }

export type RateQuery = { readonly country: string; readonly region?: string }

export type SetRateInput = {
  readonly country: string
  readonly region?: string
  /** basis points: 2500 = 25% */
  readonly rateBp: number
  /** kept as it is when omitted on an existing rate; "Tax" for a new one */
  readonly name?: string
}

export type TaxApi = {
  /**
   * The rate for an address: the region's row if there is one, else the country's (region ''),
   * else 0 with name ''. Cached in-process (see createTax's `cacheTtlMs`).
   */
  readonly rateFor: (q: RateQuery) => Promise<{ readonly rateBp: number; readonly name: string }>
  /** every stored rate, by country then region */
  readonly listRates: () => Promise<TaxRate[]>
  /** creates or changes a rate and clears this process's cache */
  readonly setRate: (input: SetRateInput) => Promise<Result<TaxRate, TaxError>>
  /** inserts the default set where no rate exists yet (idempotent; existing rates are left as they are) */
  readonly seedDefaultRates: () => Promise<{ readonly inserted: number }>
}
