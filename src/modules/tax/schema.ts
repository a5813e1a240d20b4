import { integer, pgSchema, primaryKey, text } from 'drizzle-orm/pg-core'

export const taxSchema = pgSchema('tax')

/** Rates in basis points (2500 = 25%) per country, optionally per region ('' = whole country). */
export const taxRates = taxSchema.table(
  'rates',
  {
    country: text('country').notNull(),
    region: text('region').notNull().default(''),
    rateBp: integer('rate_bp').notNull(),
    name: text('name').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.country, t.region] })],
)
