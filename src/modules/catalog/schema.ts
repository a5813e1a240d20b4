import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

export const catalogSchema = pgSchema('catalog')

export const categories = catalogSchema.table(
  'categories',
  {
    id: text('id').primaryKey(),
    handle: text('handle').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    parentId: text('parent_id'),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('categories_parent_idx').on(t.parentId)],
)

export const products = catalogSchema.table(
  'products',
  {
    id: text('id').primaryKey(),
    handle: text('handle').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: ['published', 'draft'] })
      .notNull()
      .default('published'),
    seoTitle: text('seo_title').notNull().default(''),
    seoDescription: text('seo_description').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('products_newest_idx').on(t.createdAt.desc(), t.id.desc()),
    check('products_status_check', sql`${t.status} in ('published', 'draft')`),
  ],
)

export const productCategories = catalogSchema.table(
  'product_categories',
  {
    productId: text('product_id').notNull(),
    categoryId: text('category_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.categoryId] }), index('product_categories_category_idx').on(t.categoryId)],
)

export const productImages = catalogSchema.table(
  'product_images',
  {
    productId: text('product_id').notNull(),
    position: integer('position').notNull(),
    url: text('url').notNull(),
    alt: text('alt').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.productId, t.position] })],
)

export const variants = catalogSchema.table(
  'variants',
  {
    id: text('id').primaryKey(),
    productId: text('product_id').notNull(),
    sku: text('sku').notNull().unique(),
    title: text('title').notNull(),
    options: jsonb('options').$type<Record<string, string>>().notNull().default({}),
    position: integer('position').notNull().default(0),
    weightGrams: integer('weight_grams').notNull().default(0),
  },
  (t) => [index('variants_product_idx').on(t.productId, t.position)],
)

export const variantPrices = catalogSchema.table(
  'variant_prices',
  {
    variantId: text('variant_id').notNull(),
    currency: text('currency').notNull(),
    amount: integer('amount').notNull(),
  },
  (t) => [primaryKey({ columns: [t.variantId, t.currency] }), check('variant_prices_amount_check', sql`${t.amount} >= 0`)],
)

/** Denormalised min/max price per product and currency, kept in the same transaction as prices. */
export const productPriceRanges = catalogSchema.table(
  'product_price_ranges',
  {
    productId: text('product_id').notNull(),
    currency: text('currency').notNull(),
    minAmount: integer('min_amount').notNull(),
    maxAmount: integer('max_amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.currency] }),
    index('product_price_ranges_sort_idx').on(t.currency, t.minAmount, t.productId),
  ],
)

/** Words seen in titles and category names: the dictionary for typo correction in search. */
export const searchTerms = catalogSchema.table('search_terms', {
  term: text('term').primaryKey(),
})

/** Campaign prices: while a schedule is active, it replaces the variant's price in that currency. */
export const priceSchedules = catalogSchema.table(
  'price_schedules',
  {
    id: text('id').primaryKey(),
    variantId: text('variant_id').notNull(),
    currency: text('currency').notNull(),
    amount: integer('amount').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, precision: 3 }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, precision: 3 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('price_schedules_variant_idx').on(t.variantId, t.currency, t.startsAt),
    check('price_schedules_window_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
)
