import { asc, sql } from 'drizzle-orm'
import { AppError } from '../../platform/app-error.ts'
import { type Database, queryRows } from '../../platform/db/database.ts'
import { ok } from '../../platform/result.ts'
import type { TaxApi, TaxRate } from './contract.ts'
import { DEFAULT_RATES } from './domain/default-rates.ts'
import { normalizeRate, placeKey } from './domain/normalize-rate.ts'
import { taxRates } from './schema.ts'

export type TaxDeps = {
  readonly db: Database
  readonly clock?: { readonly now: () => Date }
  /**
   * How long a looked-up rate is kept in this process. `setRate` clears this process's cache at
   * once; other processes see a change within this time. Default 60 s.
   */
  readonly cacheTtlMs?: number
}

type Rate = { readonly rateBp: number; readonly name: string }
const NO_TAX: Rate = { rateBp: 0, name: '' }

const toRate = (r: typeof taxRates.$inferSelect): TaxRate => ({ country: r.country, region: r.region, rate_bp: r.rateBp, name: r.name })

export const createTax = (d: TaxDeps): TaxApi => {
  const clock = d.clock ?? { now: () => new Date() }
  const ttl = d.cacheTtlMs ?? 60_000
  const cache = new Map<string, { readonly at: number; readonly rate: Promise<Rate> }>()

  const load = async (country: string, region: string): Promise<Rate> => {
    // the region's own row sorts before the country row ('')
    const rows = await queryRows<{ rate_bp: number; name: string }>(d.db.orm, sql`
      select rate_bp, name from tax.rates where country = ${country} and region in (${region}, '')
      order by region desc limit 1`)
    const row = rows[0]
    return row ? { rateBp: row.rate_bp, name: row.name } : NO_TAX
  }

  return {
    rateFor: async (q) => {
      const { country, region } = placeKey(q.country, q.region)
      const key = `${country}/${region}`
      const now = clock.now().getTime()
      const hit = cache.get(key)
      if (hit && now - hit.at < ttl) return hit.rate
      const rate = load(country, region)
      cache.set(key, { at: now, rate })
      rate.catch(() => cache.delete(key)) // a failed lookup is not remembered
      return rate
    },

    listRates: async () =>
      (await d.db.orm.select().from(taxRates).orderBy(asc(taxRates.country), asc(taxRates.region))).map(toRate),

    setRate: async (input) => {
      const valid = normalizeRate(input)
      if (!valid.ok) return valid
      const v = valid.value
      const [row] = await d.db.orm.insert(taxRates)
        .values({ country: v.country, region: v.region, rateBp: v.rate_bp, name: v.name ?? 'Tax' })
        .onConflictDoUpdate({
          target: [taxRates.country, taxRates.region],
          set: { rateBp: v.rate_bp, ...(v.name !== undefined && { name: v.name }) },
        })
        .returning()
      cache.clear()
      if (!row) throw new AppError('TAX_WRITE_FAILED', 'upsert into tax.rates returned no row')
      return ok(toRate(row))
    },

    seedDefaultRates: async () => {
      const rows = await d.db.orm.insert(taxRates)
        .values(DEFAULT_RATES.map((r) => ({ country: r.country, region: r.region, rateBp: r.rate_bp, name: r.name })))
        .onConflictDoNothing()
        .returning({ country: taxRates.country })
      if (rows.length > 0) cache.clear()
      return { inserted: rows.length }
    },
  }
}
