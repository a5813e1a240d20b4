import { err, ok } from '../../../platform/result.ts'
import type { CatalogApi, ProductInput } from '../contract.ts'
import { CATALOG_TAG, type CatalogDeps, productTag } from '../deps.ts'
import { toHandle } from '../domain/handle.ts'
import {
  addSearchTerms,
  insertProductRow,
  insertVariants,
  refreshPriceRanges,
  replaceCategories,
  replaceImages,
} from '../store/write-product.ts'
import { getProduct } from './get-product.ts'
import { inTx, missingCategory, uniqueToError } from './write-errors.ts'

export const createProduct =
  (d: CatalogDeps): CatalogApi['createProduct'] =>
  async (input: ProductInput) => {
    const id = input.id ?? d.newId('prod')
    const handle = input.handle ?? toHandle(input.title)
    const skus = input.variants.map((v) => v.sku)
    try {
      const done = await inTx((abort) =>
        d.db.orm.transaction(async (tx) => {
          const missing = await missingCategory(tx, input.category_ids ?? [])
          if (missing) abort(err({ code: 'CATALOG_UNKNOWN_CATEGORY', message: `No category "${missing}".`, category: missing }))
          await insertProductRow(tx, id, handle, input, d.clock.now())
          await replaceCategories(tx, id, input.category_ids ?? [])
          await replaceImages(tx, id, input.images ?? [])
          await insertVariants(
            tx,
            id,
            input.variants.map((v) => ({ ...v, id: v.id ?? d.newId('var') })),
            0,
          )
          await refreshPriceRanges(tx, [id], d.clock.now())
          await addSearchTerms(tx, [input.title])
          return ok(null)
        }),
      )
      if (!done.ok) return done
    } catch (e) {
      return uniqueToError(e, { handle, skus })
    }
    await d.invalidate([CATALOG_TAG, productTag(handle)])
    return getProduct(d)({ id, currency: d.defaultCurrency, includeDrafts: true })
  }
