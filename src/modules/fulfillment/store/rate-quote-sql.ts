import { and, eq, gt, lt } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { rateQuotes } from '../schema.ts'

export type RateQuoteRow = typeof rateQuotes.$inferSelect

/** The live options just shown to a cart, kept so checkout charges exactly these. */
export const saveRateQuotes = async (db: Executor, rows: readonly (typeof rateQuotes.$inferInsert)[]): Promise<void> => {
  if (rows.length) await db.insert(rateQuotes).values([...rows])
}

/** The cart's quotes for a destination, currency and band that are still good after `after`. */
export const liveQuotesOf = (db: Executor, q: { cartId: string; country: string; currency: string; weightBand: number; after: Date }) =>
  db
    .select()
    .from(rateQuotes)
    .where(
      and(
        eq(rateQuotes.cartId, q.cartId),
        eq(rateQuotes.country, q.country),
        eq(rateQuotes.currency, q.currency),
        eq(rateQuotes.weightBand, q.weightBand),
        gt(rateQuotes.expiresAt, q.after),
      ),
    )

export const findRateQuote = async (db: Executor, id: string): Promise<RateQuoteRow | null> =>
  (await db.select().from(rateQuotes).where(eq(rateQuotes.id, id)).limit(1))[0] ?? null

/**
 * Deletes quotes that expired before `before` (the job keeps a day of expired ones, so a checkout
 * with one is still told `shipping_quote_expired` rather than "unknown option"). Answers how many.
 */
export const pruneRateQuotes = async (db: Executor, before: Date): Promise<number> =>
  (await db.delete(rateQuotes).where(lt(rateQuotes.expiresAt, before)).returning({ id: rateQuotes.id })).length
