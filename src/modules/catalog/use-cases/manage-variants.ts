import { count, eq, sql } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { CatalogApi, Product } from '../contract.ts'
import { CATALOG_TAG, type CatalogDeps, productTag } from '../deps.ts'
import type { CatalogError } from '../errors.ts'
import { priceSchedules, products, variants } from '../schema.ts'
import { insertVariants, refreshPriceRanges, replacePrices } from '../store/write-product.ts'
import { getProduct } from './get-product.ts'
import { inTx, notFound, uniqueToError } from './write-errors.ts'

const touch = (tx: Executor, productId: string) =>
  tx
    .update(products)
    .set({ updatedAt: sql`greatest(now(), ${products.updatedAt} + interval '1 millisecond')` })
    .where(eq(products.id, productId))
    .returning({ handle: products.handle })

/** Runs a variant change in a transaction, then invalidates and returns the whole product. */
const changeProduct = async (
  d: CatalogDeps,
  skus: readonly string[],
  body: (tx: Executor, abort: (e: ReturnType<typeof notFound>) => never) => Promise<string>,
): Promise<Result<Product, CatalogError>> => {
  let productId = ''
  let handle = ''
  try {
    const done = await inTx((abort) =>
      d.db.orm.transaction(async (tx) => {
        productId = await body(tx, abort)
        await refreshPriceRanges(tx, [productId], d.clock.now())
        handle = (await touch(tx, productId))[0]?.handle ?? ''
        return ok(null)
      }),
    )
    if (!done.ok) return done
  } catch (e) {
    return uniqueToError(e, { skus })
  }
  await d.invalidate([CATALOG_TAG, productTag(handle)])
  return getProduct(d)({ id: productId, currency: d.defaultCurrency, includeDrafts: true })
}

export const addVariant =
  (d: CatalogDeps): CatalogApi['addVariant'] =>
  (productId, input) =>
    changeProduct(d, [input.sku], async (tx, abort) => {
      const [p] = await tx.select({ id: products.id }).from(products).where(eq(products.id, productId)).for('update')
      if (!p) abort(notFound(`product "${productId}"`))
      const [c] = await tx.select({ n: count() }).from(variants).where(eq(variants.productId, productId))
      await insertVariants(tx, productId, [{ ...input, id: input.id ?? d.newId('var') }], c?.n ?? 0)
      return productId
    })

export const updateVariant =
  (d: CatalogDeps): CatalogApi['updateVariant'] =>
  (variantId, patch) =>
    changeProduct(d, patch.sku ? [patch.sku] : [], async (tx, abort) => {
      const [v] = await tx.select().from(variants).where(eq(variants.id, variantId)).for('update')
      if (!v) return abort(notFound(`variant "${variantId}"`))
      const set = {
        ...(patch.sku !== undefined && { sku: patch.sku }),
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.options !== undefined && { options: { ...patch.options } }),
        ...(patch.weight_grams !== undefined && { weightGrams: patch.weight_grams }),
      }
      if (Object.keys(set).length) await tx.update(variants).set(set).where(eq(variants.id, variantId))
      if (patch.prices) await replacePrices(tx, variantId, patch.prices)
      return v.productId
    })

export const deleteVariant =
  (d: CatalogDeps): CatalogApi['deleteVariant'] =>
  async (variantId) => {
    const [v] = await d.db.orm.select().from(variants).where(eq(variants.id, variantId))
    if (!v) return notFound(`variant "${variantId}"`)
    const [c] = await d.db.orm.select({ n: count() }).from(variants).where(eq(variants.productId, v.productId))
    if ((c?.n ?? 0) <= 1) {
      return err({ code: 'CATALOG_LAST_VARIANT', message: 'A product keeps at least one variant; delete the product instead.' })
    }
    return changeProduct(d, [], async (tx) => {
      await replacePrices(tx, variantId, [])
      await tx.delete(priceSchedules).where(eq(priceSchedules.variantId, variantId))
      await tx.delete(variants).where(eq(variants.id, variantId))
      return v.productId
    })
  }
