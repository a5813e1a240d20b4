import type { Database } from '../../platform/db/database.ts'
import type { IdPrefix } from '../../platform/ids/new-id.ts'
import type { PromotionRow } from './store/promotion-rows.ts'

export type PromotionsDeps = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: IdPrefix) => string
}

/** What the use cases get: the deps plus this process's short-lived list of automatic promotions. */
export type PromotionsContext = PromotionsDeps & {
  /** automatic promotions not over yet, kept `AUTOMATIC_TTL_MS` in this process; each use checks its window */
  readonly automatic: () => Promise<PromotionRow[]>
  /** after a write in this process: the next read goes to the database */
  readonly forgetAutomatic: () => void
}
