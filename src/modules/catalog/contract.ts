import type { Money } from '../../platform/money/money.ts'
import type { Result } from '../../platform/result.ts'
import type { CatalogError } from './errors.ts'

export type ProductStatus = 'published' | 'draft'

export type Image = { readonly url: string; readonly alt: string }

export type Variant = {
  readonly id: string
  readonly sku: string
  readonly title: string
  readonly options: Readonly<Record<string, string>>
  /** Price in force in the requested currency: a running campaign price, else the regular one (null when not sold in it). */
  readonly price: Money | null
  /** The regular price while a campaign price below it is in force; null otherwise. */
  readonly compare_at_price: Money | null
  /** Regular prices in every currency (what the admin sets; campaign prices live in price schedules). */
  readonly prices: Money[]
  readonly weight_grams: number
  /** on hand − reserved, summed over the locations that serve the storefront */
  readonly available: number
}

export type Product = {
  readonly id: string
  readonly handle: string
  readonly title: string
  readonly description: string
  readonly status: ProductStatus
  readonly seo: { readonly title: string; readonly description: string }
  readonly images: Image[]
  readonly category_ids: string[]
  readonly price_range: { readonly min: Money; readonly max: Money } | null
  readonly variants: Variant[]
  readonly created_at: string
  readonly updated_at: string
}

export type Category = {
  readonly id: string
  readonly handle: string
  readonly name: string
  readonly description: string
  readonly parent_id: string | null
  readonly position: number
}

export type ProductSort = 'relevance' | 'newest' | 'price_asc' | 'price_desc'

export type ListProductsInput = {
  readonly q?: string
  /** category handle or id; includes its descendants */
  readonly category?: string
  readonly sort?: ProductSort
  readonly currency: string
  readonly priceMin?: number
  readonly priceMax?: number
  readonly limit: number
  readonly cursor?: string
  readonly includeDrafts?: boolean
}

export type ProductPage = { readonly products: Product[]; readonly next_cursor: string | null }

/** Input shapes for writes (admin API and seed). Prices in minor units. */
export type VariantInput = {
  readonly id?: string
  readonly sku: string
  readonly title: string
  readonly options?: Readonly<Record<string, string>>
  readonly prices: Money[]
  readonly weight_grams?: number
}

export type ProductInput = {
  readonly id?: string
  readonly handle?: string
  readonly title: string
  readonly description?: string
  readonly status?: ProductStatus
  readonly seo?: { readonly title?: string; readonly description?: string }
  readonly images?: Image[]
  readonly category_ids?: string[]
  readonly variants: VariantInput[]
  readonly created_at?: string
}

export type ProductPatch = Partial<Omit<ProductInput, 'variants' | 'id' | 'created_at'>>

export type VariantPatch = Partial<Omit<VariantInput, 'id'>>

export type CategoryInput = {
  readonly id?: string
  readonly handle: string
  readonly name: string
  readonly description?: string
  readonly parent_id?: string | null
  readonly position?: number
}

/** What a cart needs to know about a variant, priced in one currency at one instant. */
export type VariantSnapshot = {
  readonly id: string
  readonly product_id: string
  readonly product_handle: string
  readonly product_title: string
  readonly sku: string
  readonly title: string
  readonly price: Money | null
  readonly weight_grams: number
  readonly purchasable: boolean
}

export type PriceScheduleStatus = 'upcoming' | 'active' | 'ended'

/** A campaign price for one variant in one currency, in force from starts_at (inclusive) to ends_at (exclusive). */
export type PriceSchedule = {
  readonly id: string
  readonly variant_id: string
  /** null when the variant has been deleted since */
  readonly product_id: string | null
  readonly product_handle: string | null
  readonly sku: string | null
  readonly price: Money
  /** the variant's regular price in this currency now (null when it has none) */
  readonly regular_price: Money | null
  readonly starts_at: string
  readonly ends_at: string
  readonly status: PriceScheduleStatus
  readonly created_at: string
}

export type PriceScheduleInput = {
  readonly starts_at: Date
  readonly ends_at: Date
  /** one campaign price per variant and currency; the whole batch is written or nothing is */
  readonly items: readonly { readonly variant_id: string; readonly price: Money }[]
}

export type ListPriceSchedulesInput = {
  readonly variantId?: string
  readonly productId?: string
  readonly status?: PriceScheduleStatus
  readonly limit: number
  readonly cursor?: string
}

export type PriceSchedulesApi = {
  readonly create: (input: PriceScheduleInput) => Promise<Result<PriceSchedule[], CatalogError>>
  /** latest start first */
  readonly list: (
    input: ListPriceSchedulesInput,
  ) => Promise<Result<{ readonly price_schedules: PriceSchedule[]; readonly next_cursor: string | null }, CatalogError>>
  readonly get: (id: string) => Promise<Result<PriceSchedule, CatalogError>>
  /** ends an active schedule now (the record stays, ended) */
  readonly end: (id: string) => Promise<Result<PriceSchedule, CatalogError>>
  /** deletes a schedule in any state; an active one stops applying at once */
  readonly remove: (id: string) => Promise<Result<{ readonly id: string }, CatalogError>>
}

/** What one run of the boundary job did. */
export type PriceBoundaryRun = { readonly products: number; readonly from: string; readonly to: string }

export type CatalogApi = {
  /** current (campaign-aware) price and facts for these variants; unknown ids are absent */
  readonly getVariants: (ids: readonly string[], currency: string) => Promise<ReadonlyMap<string, VariantSnapshot>>
  readonly listProducts: (input: ListProductsInput) => Promise<Result<ProductPage, CatalogError>>
  readonly getProduct: (
    input: ({ readonly handle: string } | { readonly id: string }) & {
      readonly currency: string
      readonly includeDrafts?: boolean
    },
  ) => Promise<Result<Product, CatalogError>>
  readonly listCategories: () => Promise<Category[]>
  readonly createProduct: (input: ProductInput) => Promise<Result<Product, CatalogError>>
  readonly updateProduct: (id: string, patch: ProductPatch) => Promise<Result<Product, CatalogError>>
  /** appends one image (already stored, see media/) to the product's gallery */
  readonly addProductImage: (id: string, image: Image) => Promise<Result<Product, CatalogError>>
  readonly deleteProduct: (id: string) => Promise<Result<{ readonly id: string }, CatalogError>>
  readonly addVariant: (productId: string, input: VariantInput) => Promise<Result<Product, CatalogError>>
  readonly updateVariant: (variantId: string, patch: VariantPatch) => Promise<Result<Product, CatalogError>>
  readonly deleteVariant: (variantId: string) => Promise<Result<Product, CatalogError>>
  readonly createCategory: (input: CategoryInput) => Promise<Result<Category, CatalogError>>
  readonly variantExists: (variantId: string) => Promise<boolean>
  /** campaign prices: admin management of catalog.price_schedules */
  readonly priceSchedules: PriceSchedulesApi
  /**
   * The boundary job: products whose campaign price started or ended since the last run get their price ranges
   * recomputed and their cache tags bumped. Safe in several processes at once (the bumps are idempotent).
   */
  readonly applyPriceBoundaries: () => Promise<PriceBoundaryRun>
  /** drops cached responses showing these variants (their stock changed, say) */
  readonly invalidateVariants: (variantIds: readonly string[]) => Promise<void>
  /** bulk insert used by `crest seed`; skips products whose id already exists */
  readonly importCatalog: (input: {
    readonly categories: CategoryInput[]
    readonly products: ProductInput[]
  }) => Promise<{ readonly categories: number; readonly products: number }>
}
