import { asc, eq, inArray, sql } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import type { Image, ProductInput, VariantInput } from '../contract.ts'
import { searchWords } from '../domain/search-words.ts'
import {
  priceSchedules,
  productCategories,
  productImages,
  productPriceRanges,
  products,
  searchTerms,
  variantPrices,
  variants,
} from '../schema.ts'
import { activeSchedules, idList } from './active-schedules.ts'

export const insertProductRow = (tx: Executor, id: string, handle: string, p: ProductInput, now: Date) =>
  tx.insert(products).values({
    id,
    handle,
    title: p.title,
    description: p.description ?? '',
    status: p.status ?? 'published',
    seoTitle: p.seo?.title ?? '',
    seoDescription: p.seo?.description ?? '',
    createdAt: p.created_at ? new Date(p.created_at) : now,
    updatedAt: now,
  })

export const replaceCategories = async (tx: Executor, productId: string, ids: readonly string[]) => {
  await tx.delete(productCategories).where(eq(productCategories.productId, productId))
  if (ids.length) {
    await tx.insert(productCategories).values([...new Set(ids)].map((categoryId) => ({ productId, categoryId })))
  }
}

export const replaceImages = async (tx: Executor, productId: string, images: readonly Image[]) => {
  await tx.delete(productImages).where(eq(productImages.productId, productId))
  if (images.length) {
    await tx.insert(productImages).values(images.map((img, position) => ({ productId, position, url: img.url, alt: img.alt })))
  }
}

export const insertVariants = async (
  tx: Executor,
  productId: string,
  list: readonly (VariantInput & { id: string })[],
  firstPosition: number,
) => {
  if (list.length === 0) return
  await tx.insert(variants).values(
    list.map((v, i) => ({
      id: v.id,
      productId,
      sku: v.sku,
      title: v.title,
      options: { ...(v.options ?? {}) },
      position: firstPosition + i,
      weightGrams: v.weight_grams ?? 0,
    })),
  )
  const prices = list.flatMap((v) => v.prices.map((p) => ({ variantId: v.id, currency: p.currency, amount: p.amount })))
  if (prices.length) await tx.insert(variantPrices).values(prices)
}

export const replacePrices = async (tx: Executor, variantId: string, prices: VariantInput['prices']) => {
  await tx.delete(variantPrices).where(eq(variantPrices.variantId, variantId))
  if (prices.length) {
    await tx.insert(variantPrices).values(prices.map((p) => ({ variantId, currency: p.currency, amount: p.amount })))
  }
}

/**
 * Recomputes the denormalised min/max price per currency for these products, from the prices in force at `at`
 * (campaign prices included), so sorting and filtering by price agree with the prices shown. The product rows are
 * locked first (in id order), so concurrent refreshes of one product, say the boundary job in two processes,
 * take turns instead of colliding on the ranges' primary key.
 */
export const refreshPriceRanges = async (tx: Executor, productIds: readonly string[], at: Date) => {
  if (productIds.length === 0) return
  const ids = [...new Set(productIds)]
  await tx.select({ id: products.id }).from(products).where(inArray(products.id, ids)).orderBy(asc(products.id)).for('update')
  await tx.delete(productPriceRanges).where(inArray(productPriceRanges.productId, ids))
  const wanted = idList(ids)
  await tx.execute(sql`insert into catalog.product_price_ranges (product_id, currency, min_amount, max_amount)
    select v.product_id, vp.currency, min(coalesce(a.amount, vp.amount)), max(coalesce(a.amount, vp.amount))
    from catalog.variants v join catalog.variant_prices vp on vp.variant_id = v.id
    left join ${activeSchedules(at, sql`select id from catalog.variants where product_id in (${wanted})`)} a
      on a.variant_id = v.id and a.currency = vp.currency
    where v.product_id in (${wanted})
    group by v.product_id, vp.currency`)
}

/** Adds the words of these texts to the typo-correction dictionary. */
export const addSearchTerms = async (tx: Executor, texts: readonly string[]) => {
  const terms = [...new Set(texts.flatMap(searchWords))].filter((t) => t.length >= 3)
  for (let i = 0; i < terms.length; i += 1000) {
    await tx
      .insert(searchTerms)
      .values(terms.slice(i, i + 1000).map((term) => ({ term })))
      .onConflictDoNothing()
  }
}

export const deleteProductRows = async (tx: Executor, productId: string) => {
  const vIds = (await tx.select({ id: variants.id }).from(variants).where(eq(variants.productId, productId))).map((v) => v.id)
  if (vIds.length) await tx.delete(variantPrices).where(inArray(variantPrices.variantId, vIds))
  if (vIds.length) await tx.delete(priceSchedules).where(inArray(priceSchedules.variantId, vIds))
  await tx.delete(variants).where(eq(variants.productId, productId))
  await tx.delete(productImages).where(eq(productImages.productId, productId))
  await tx.delete(productCategories).where(eq(productCategories.productId, productId))
  await tx.delete(productPriceRanges).where(eq(productPriceRanges.productId, productId))
  await tx.delete(products).where(eq(products.id, productId))
}
