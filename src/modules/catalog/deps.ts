import type { Database } from '../../platform/db/database.ts'
import type { IdPrefix } from '../../platform/ids/new-id.ts'
import type { AvailabilityPort } from './store/read-products.ts'

export type CatalogDeps = {
  readonly db: Database
  /** units available per variant; the inventory module answers (wired in app.ts) */
  readonly availability: AvailabilityPort
  /** bumps response-cache tags after a committed change */
  readonly invalidate: (tags: readonly string[]) => Promise<void>
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: IdPrefix) => string
  readonly defaultCurrency: string
}

/** Cache tags: every list/search/category response, and one product's own responses. */
export const CATALOG_TAG = 'catalog'
export const productTag = (handle: string): string => `catalog:p:${handle}`
