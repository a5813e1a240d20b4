import { asc, inArray } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import type { Money } from '../../../platform/money/money.ts'
import type { Product, Variant } from '../contract.ts'
import { productCategories, productImages, products, variantPrices, variants } from '../schema.ts'

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

const toVariant = (v: VariantRow, prices: Money[], currency: string, available: number): Variant => ({
  id: v.id,
  sku: v.sku,
  title: v.title,
  options: v.options,
  price: prices.find((p) => p.currency === currency) ?? null,
  prices,
  weight_grams: v.weightGrams,
  available,
})

/** Loads whole products for the given ids, in the order given (missing ids are skipped). */
export const readProducts = async (
  db: Executor,
  availability: AvailabilityPort,
  ids: readonly string[],
  currency: string,
): Promise<Product[]> => {
  if (ids.length === 0) return []
  const idList = [...ids]
  const [rows, vRows, imgRows, catRows] = await Promise.all([
    db.select().from(products).where(inArray(products.id, idList)),
    db.select().from(variants).where(inArray(variants.productId, idList)).orderBy(asc(variants.position), asc(variants.id)),
    db.select().from(productImages).where(inArray(productImages.productId, idList)).orderBy(asc(productImages.position)),
    db.select().from(productCategories).where(inArray(productCategories.productId, idList)),
  ])
  const variantIds = vRows.map((v) => v.id)
  const [priceRows, stock] = await Promise.all([
    variantIds.length ? db.select().from(variantPrices).where(inArray(variantPrices.variantId, variantIds)) : [],
    availability(variantIds),
  ])
  const pricesBy = group(priceRows, (p) => p.variantId)
  const variantsBy = group(vRows, (v) => v.productId)
  const imagesBy = group(imgRows, (i) => i.productId)
  const catsBy = group(catRows, (c) => c.productId)
  const byId = new Map(rows.map((r) => [r.id, r]))
  return idList.flatMap((id) => {
    const p = byId.get(id)
    if (!p) return []
    const vs = (variantsBy.get(id) ?? []).map((v) =>
      toVariant(
        v,
        (pricesBy.get(v.id) ?? []).map((x) => ({ amount: x.amount, currency: x.currency })).sort((a, b) => a.currency.localeCompare(b.currency)),
        currency,
        stock.get(v.id) ?? 0,
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
