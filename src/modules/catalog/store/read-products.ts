import { asc, inArray, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import type { Money } from '../../../platform/money/money.ts'
import type { Product, Variant } from '../contract.ts'
import { priceInForce } from '../domain/price-in-force.ts'
import { productCategories, productImages, products, variantPrices, variants } from '../schema.ts'
import { activeSchedules, idList } from './active-schedules.ts'

/** Units available per variant id, answered by whoever owns stock (wired in app.ts). */
export type AvailabilityPort = (variantIds: readonly string[]) => Promise<ReadonlyMap<string, number>>

type VariantRow = typeof variants.$inferSelect

const group = <T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> => {
  const m = new Map<K, T[]>()
  for (const r of rows) {
    const list = m.get(key(r))
    if (list) list.push(r)
    else m.set(key(r), [r])
  }
  return m
}

const priceRange = (vs: readonly Variant[]): Product['price_range'] => {
  const amounts = vs.flatMap((v) => (v.price ? [v.price] : []))
  if (amounts.length === 0) return null
  const sorted = [...amounts].sort((a, b) => a.amount - b.amount)
  return { min: sorted[0] as Money, max: sorted[sorted.length - 1] as Money }
}

const toVariant = (v: VariantRow, prices: Money[], o: { currency: string; campaign: Money | null; available: number }): Variant => {
  const regular = prices.find((p) => p.currency === o.currency) ?? null
  const { price, compare_at_price } = priceInForce(regular, o.campaign)
  const { id, sku, title, options } = v
  return { id, sku, title, options, price, compare_at_price, prices, weight_grams: v.weightGrams, available: o.available }
}

/** The campaign price in force at `at` per variant, in one currency. */
const campaignPrices = async (db: Executor, variantIds: readonly string[], currency: string, at: Date) => {
  if (variantIds.length === 0) return new Map<string, Money>()
  const rows = await queryRows<{ variant_id: string; amount: number }>(
    db,
    sql`select a.variant_id, a.amount from ${activeSchedules(at, idList(variantIds))} a where a.currency = ${currency}`,
  )
  return new Map(rows.map((r) => [r.variant_id, { amount: Number(r.amount), currency }]))
}

export type ReadProductsInput = {
  readonly availability: AvailabilityPort
  readonly ids: readonly string[]
  readonly currency: string
  /** the instant whose prices to show (campaign prices in force then) */
  readonly at: Date
}

/** Loads whole products for the given ids, in the order given (missing ids are skipped). */
export const readProducts = async (db: Executor, input: ReadProductsInput): Promise<Product[]> => {
  const { ids, currency } = input
  if (ids.length === 0) return []
  const wanted = [...ids]
  const [rows, vRows, imgRows, catRows] = await Promise.all([
    db.select().from(products).where(inArray(products.id, wanted)),
    db.select().from(variants).where(inArray(variants.productId, wanted)).orderBy(asc(variants.position), asc(variants.id)),
    db.select().from(productImages).where(inArray(productImages.productId, wanted)).orderBy(asc(productImages.position)),
    db.select().from(productCategories).where(inArray(productCategories.productId, wanted)),
  ])
  const variantIds = vRows.map((v) => v.id)
  const [priceRows, campaigns, stock] = await Promise.all([
    variantIds.length ? db.select().from(variantPrices).where(inArray(variantPrices.variantId, variantIds)) : [],
    campaignPrices(db, variantIds, currency, input.at),
    input.availability(variantIds),
  ])
  const pricesBy = group(priceRows, (p) => p.variantId)
  const variantsBy = group(vRows, (v) => v.productId)
  const imagesBy = group(imgRows, (i) => i.productId)
  const catsBy = group(catRows, (c) => c.productId)
  const byId = new Map(rows.map((r) => [r.id, r]))
  return wanted.flatMap((id) => {
    const p = byId.get(id)
    if (!p) return []
    const vs = (variantsBy.get(id) ?? []).map((v) =>
      toVariant(
        v,
        (pricesBy.get(v.id) ?? [])
          .map((x) => ({ amount: x.amount, currency: x.currency }))
          .sort((a, b) => a.currency.localeCompare(b.currency)),
        { currency, campaign: campaigns.get(v.id) ?? null, available: stock.get(v.id) ?? 0 },
      ),
    )
    return [
      {
        id: p.id,
        handle: p.handle,
        title: p.title,
        description: p.description,
        status: p.status,
        seo: { title: p.seoTitle || p.title, description: p.seoDescription },
        images: (imagesBy.get(id) ?? []).map((i) => ({ url: i.url, alt: i.alt })),
        category_ids: (catsBy.get(id) ?? []).map((c) => c.categoryId).sort(),
        price_range: priceRange(vs),
        variants: vs,
        created_at: p.createdAt.toISOString(),
        updated_at: p.updatedAt.toISOString(),
      },
    ]
  })
}
