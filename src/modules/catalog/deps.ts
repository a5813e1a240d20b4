import type { Database, Executor } from '../../platform/db/database.ts'
import { primaryReads, type ReadPool } from '../../platform/db/read-pool.ts'
import type { IdPrefix } from '../../platform/ids/new-id.ts'
import type { AvailabilityPort } from './store/read-products.ts'

export type CatalogDeps = {
  readonly db: Database
  /** where catalog reads run (replicas when configured; docs/replicas.md); default: the primary */
  readonly reads?: ReadPool
  /** units available per variant; the inventory module answers (wired in app.ts) */
  readonly availability: AvailabilityPort
  /** bumps response-cache tags after a committed change */
  readonly invalidate: (tags: readonly string[]) => Promise<void>
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: IdPrefix) => string
  readonly defaultCurrency: string
}

/** The read scope of catalog reads: a committed catalog change raises its floor (app.ts, before caches are invalidated). */
export const CATALOG_READS = 'catalog'

/** Runs a read-only catalog query where the read pool says (a replica that has every catalog change, or the primary). */
export const catalogRead = <T>(d: Pick<CatalogDeps, 'db' | 'reads'>, run: (db: Executor) => Promise<T>): Promise<T> =>
  (d.reads ?? primaryReads(d.db)).read(CATALOG_READS, run)

/** Cache tags: every list/search/category response, and one product's own responses. */
export const CATALOG_TAG = 'catalog'
export const productTag = (handle: string): string => `catalog:p:${handle}`
