import { asc, sql } from 'drizzle-orm'
import { AppError } from '../../../platform/app-error.ts'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import type { TaxRate } from '../contract.ts'
import { taxRates } from '../schema.ts'

const toRate = (r: typeof taxRates.$inferSelect): TaxRate => ({ country: r.country, region: r.region, rate_bp: r.rateBp, name: r.name })

/** The region's own row if there is one (it sorts before the country row, region ''), else the country's. */
export const lookupRate = async (db: Executor, country: string, region: string) => {
  const rows = await queryRows<{ rate_bp: number; name: string }>(
    db,
    sql`
    select rate_bp, name from tax.rates where country = ${country} and region in (${region}, '')
    order by region desc limit 1`,
  )
  const row = rows[0]
  return row ? { rateBp: row.rate_bp, name: row.name } : null
}

export const listRateRows = async (db: Executor): Promise<TaxRate[]> =>
  (await db.select().from(taxRates).orderBy(asc(taxRates.country), asc(taxRates.region))).map(toRate)

/** One upsert; the name is kept when not given, "Tax" for a new row without one. */
export const upsertRate = async (db: Executor, r: Omit<TaxRate, 'name'> & { name?: string }): Promise<TaxRate> => {
  const [row] = await db
    .insert(taxRates)
    .values({ country: r.country, region: r.region, rateBp: r.rate_bp, name: r.name ?? 'Tax' })
    .onConflictDoUpdate({
      target: [taxRates.country, taxRates.region],
      set: { rateBp: r.rate_bp, ...(r.name !== undefined && { name: r.name }) },
    })
    .returning()
  if (!row) throw new AppError('TAX_WRITE_FAILED', 'upsert into tax.rates returned no row')
  return toRate(row)
}

/** Inserts the rates whose place has none yet; returns how many were inserted. */
export const insertMissingRates = async (db: Executor, rates: readonly TaxRate[]): Promise<number> => {
  const rows = await db
    .insert(taxRates)
    .values(rates.map((r) => ({ country: r.country, region: r.region, rateBp: r.rate_bp, name: r.name })))
    .onConflictDoNothing()
    .returning({ country: taxRates.country })
  return rows.length
}
