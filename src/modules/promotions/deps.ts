import type { Database } from '../../platform/db/database.ts'
import type { IdPrefix } from '../../platform/ids/new-id.ts'

export type PromotionsDeps = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: IdPrefix) => string
}
