import type { Database } from '../../platform/db/database.ts'
import type { IdPrefix } from '../../platform/ids/new-id.ts'

export type InventoryDeps = {
  readonly db: Database
  readonly newId: (prefix: IdPrefix) => string
  /** availability at or below this is shown exactly, so crossing it invalidates cached pages */
  readonly exactStockBelow: number
  /** does the catalog know this variant? (a port, wired in app.ts) */
  readonly variantExists: (variantId: string) => Promise<boolean>
  /** called after committed stock changes, e.g. to drop cached product responses */
  readonly onStockChanged: (variantIds: readonly string[]) => Promise<void>
}
