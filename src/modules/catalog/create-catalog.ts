import { eq, inArray } from 'drizzle-orm'
import type { CatalogApi } from './contract.ts'
import { CATALOG_TAG, type CatalogDeps, productTag } from './deps.ts'
import { products, variants } from './schema.ts'
import { addProductImage } from './use-cases/add-product-image.ts'
import { createCategory } from './use-cases/create-category.ts'
import { createProduct } from './use-cases/create-product.ts'
import { deleteProduct } from './use-cases/delete-product.ts'
import { getProduct } from './use-cases/get-product.ts'
import { getVariants } from './use-cases/get-variants.ts'
import { importCatalog } from './use-cases/import-catalog.ts'
import { listCategories } from './use-cases/list-categories.ts'
import { listProducts } from './use-cases/list-products.ts'
import { addVariant, deleteVariant, updateVariant } from './use-cases/manage-variants.ts'
import { applyPriceBoundaries } from './use-cases/apply-price-boundaries.ts'
import { createPriceSchedules } from './use-cases/create-price-schedules.ts'
import { endPriceSchedule, removePriceSchedule } from './use-cases/end-price-schedule.ts'
import { getPriceSchedule, listPriceSchedules } from './use-cases/list-price-schedules.ts'
import { updateProduct } from './use-cases/update-product.ts'

export const createCatalog = (d: CatalogDeps): CatalogApi => ({
  listProducts: listProducts(d),
  getProduct: getProduct(d),
  getVariants: getVariants(d),
  listCategories: listCategories(d),
  createProduct: createProduct(d),
  updateProduct: updateProduct(d),
  addProductImage: addProductImage(d),
  deleteProduct: deleteProduct(d),
  addVariant: addVariant(d),
  updateVariant: updateVariant(d),
  deleteVariant: deleteVariant(d),
  createCategory: createCategory(d),
  importCatalog: importCatalog(d),
  priceSchedules: {
    create: createPriceSchedules(d),
    list: listPriceSchedules(d),
    get: getPriceSchedule(d),
    end: endPriceSchedule(d),
    remove: removePriceSchedule(d),
  },
  applyPriceBoundaries: applyPriceBoundaries(d),
  variantExists: async (variantId) =>
    (await d.db.orm.select({ id: variants.id }).from(variants).where(eq(variants.id, variantId))).length > 0,
  invalidateVariants: async (variantIds) => {
    if (variantIds.length === 0) return
    const rows = await d.db.orm
      .selectDistinct({ handle: products.handle })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .where(inArray(variants.id, [...variantIds]))
    await d.invalidate([CATALOG_TAG, ...rows.map((r) => productTag(r.handle))])
  },
})
