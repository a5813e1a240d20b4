import { eq, sql } from 'drizzle-orm'
import { err, ok } from '../../../platform/result.ts'
import type { CatalogApi } from '../contract.ts'
import { CATALOG_TAG, type CatalogDeps, productTag } from '../deps.ts'
import { products } from '../schema.ts'
import { addSearchTerms, replaceCategories, replaceImages } from '../store/write-product.ts'
import { getProduct } from './get-product.ts'
import { inTx, missingCategory, notFound, uniqueToError } from './write-errors.ts'

export const updateProduct =
  (d: CatalogDeps): CatalogApi['updateProduct'] =>
  async (id, patch) => {
    let oldHandle = ''
    try {
      const done = await inTx((abort) =>
        d.db.orm.transaction(async (tx) => {
          const [row] = await tx.select().from(products).where(eq(products.id, id)).for('update')
          if (!row) abort(notFound(`product "${id}"`))
          oldHandle = row?.handle ?? ''
          if (patch.category_ids) {
            const missing = await missingCategory(tx, patch.category_ids)
            if (missing) abort(err({ code: 'CATALOG_UNKNOWN_CATEGORY', message: `No category "${missing}".`, category: missing }))
            await replaceCategories(tx, id, patch.category_ids)
          }
          if (patch.images) await replaceImages(tx, id, patch.images)
          await tx
            .update(products)
            .set({
              ...(patch.handle !== undefined && { handle: patch.handle }),
              ...(patch.title !== undefined && { title: patch.title }),
              ...(patch.description !== undefined && { description: patch.description }),
              ...(patch.status !== undefined && { status: patch.status }),
              ...(patch.seo?.title !== undefined && { seoTitle: patch.seo.title }),
              ...(patch.seo?.description !== undefined && { seoDescription: patch.seo.description }),
              updatedAt: sql`greatest(now(), ${products.updatedAt} + interval '1 millisecond')`,
            })
            .where(eq(products.id, id))
          if (patch.title) await addSearchTerms(tx, [patch.title])
          return ok(null)
        }),
      )
      if (!done.ok) return done
    } catch (e) {
      return uniqueToError(e, { handle: patch.handle ?? '' })
    }
    await d.invalidate([CATALOG_TAG, productTag(oldHandle), ...(patch.handle ? [productTag(patch.handle)] : [])])
    return getProduct(d)({ id, currency: d.defaultCurrency, includeDrafts: true })
  }
