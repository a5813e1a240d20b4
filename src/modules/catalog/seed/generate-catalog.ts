import type { CategoryInput, ProductInput } from '../contract.ts'
import { buildCategories } from './build-categories.ts'
import { buildProduct, type CatalogState } from './build-product.ts'
import { DEPARTMENTS } from './category-tree.ts'

export type SeedStock = { readonly variant_id: string; readonly warehouse: number; readonly store: number }
export type SeedCatalog = {
  readonly categories: CategoryInput[]
  readonly products: ProductInput[]
  readonly stock: SeedStock[]
}

/** Fixed clock for seeded ids and dates, so the demo catalog never depends on when it was generated. */
export const SEED_TIME = Date.UTC(2026, 0, 1)
export const DEFAULT_PRODUCT_COUNT = 2000
export const DEFAULT_SEED = 42

/**
 * Pure, deterministic demo catalog: same options, byte-identical output. Products are spread round-robin
 * over the leaf categories; the first N products of a larger catalog equal a catalog of N products.
 */
export const generateCatalog = (opts: { products?: number; seed?: number } = {}): SeedCatalog => {
  const count = opts.products ?? DEFAULT_PRODUCT_COUNT
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`products must be a whole number ≥ 0: ${count}`)
  const { categories, leaves } = buildCategories(DEPARTMENTS, SEED_TIME)
  const state: CatalogState = {
    seed: opts.seed ?? DEFAULT_SEED,
    seedTime: SEED_TIME,
    takenHandles: new Set(),
    takenSeconds: new Set(),
    variantCount: 0,
  }
  const products: ProductInput[] = []
  const stock: SeedStock[] = []
  for (let i = 0; i < count; i++) {
    const leaf = leaves[i % leaves.length]
    if (!leaf) throw new Error('category tree has no leaf categories')
    const built = buildProduct(leaf, i + 1, state)
    products.push(built.product)
    stock.push(...built.stock)
  }
  return { categories, products, stock }
}
