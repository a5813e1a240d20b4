import type { Database } from '../../platform/db/database.ts'
import type { IdPrefix } from '../../platform/ids/new-id.ts'

export type OrdersDeps = {
  readonly db: Database
  /** order times (created_at, updated_at, history `at`) come from here */
  readonly clock: { readonly now: () => Date }
  /** uses the prefixes 'oitem' and 'hist' (order ids come from the caller) */
  readonly newId: (prefix: IdPrefix) => string
}
