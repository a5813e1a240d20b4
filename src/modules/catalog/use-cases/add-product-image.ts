import { eq, sql } from 'drizzle-orm'
import { err, ok } from '../../../platform/result.ts'
import type { CatalogApi } from '../contract.ts'
import { CATALOG_TAG, type CatalogDeps, productTag } from '../deps.ts'
import { productImages, products } from '../schema.ts'
import { getProduct } from './get-product.ts'
import { inTx, notFound } from './write-errors.ts'

/** As many images as a product body may carry (productInputSchema). */
export const MAX_PRODUCT_IMAGES = 20

/**
 * Appends one image to a product's gallery. The product row is locked, so two uploads at once
 * both land, one after the other, and the count limit holds.
 */
export const addProductImage =
  (d: CatalogDeps): CatalogApi['addProductImage'] =>
  async (id, image) => {
    let handle = ''
    const done = await inTx((abort) =>
      d.db.orm.transaction(async (tx) => {
        const [row] = await tx.select({ handle: products.handle }).from(products).where(eq(products.id, id)).for('update')
        if (!row) return abort(notFound(`product "${id}"`))
        handle = row.handle
        const [last] = await tx
          .select({ n: sql<number>`count(*)::int`, next: sql<number>`coalesce(max(${productImages.position}) + 1, 0)::int` })
          .from(productImages)
          .where(eq(productImages.productId, id))
        if ((last?.n ?? 0) >= MAX_PRODUCT_IMAGES) {
          return abort(
            err({
              code: 'CATALOG_TOO_MANY_IMAGES',
              message: `A product has at most ${MAX_PRODUCT_IMAGES} images.`,
              max: MAX_PRODUCT_IMAGES,
            }),
          )
        }
        await tx.insert(productImages).values({ productId: id, position: last?.next ?? 0, url: image.url, alt: image.alt })
        await tx
          .update(products)
          .set({ updatedAt: sql`greatest(now(), ${products.updatedAt} + interval '1 millisecond')` })
          .where(eq(products.id, id))
        return ok(null)
      }),
    )
    if (!done.ok) return done
    await d.invalidate([CATALOG_TAG, productTag(handle)])
    return getProduct(d)({ id, currency: d.defaultCurrency, includeDrafts: true })
  }
