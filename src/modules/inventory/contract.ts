import type { Result } from '../../platform/result.ts'
import type { InventoryError } from './errors.ts'

export type StockLevel = { readonly location_id: string; readonly on_hand: number; readonly reserved: number }
export type VariantStock = { readonly variant_id: string; readonly levels: StockLevel[] }
export type StockLocation = {
  readonly id: string
  readonly name: string
  readonly serves_storefront: boolean
  readonly is_default: boolean
}

export type InventoryApi = {
  /** on hand − reserved, summed over locations serving the storefront; 0 for unknown variants */
  readonly availableFor: (variantIds: readonly string[]) => Promise<ReadonlyMap<string, number>>
  readonly getStock: (variantId: string) => Promise<Result<VariantStock, InventoryError>>
  /** sets on-hand units; refused (not clamped) when it would fall below what is reserved */
  readonly setOnHand: (input: {
    readonly variantId: string
    readonly onHand: number
    readonly locationId?: string
  }) => Promise<Result<VariantStock, InventoryError>>
  readonly listLocations: () => Promise<StockLocation[]>
  /** creates the location if its id is new; used by seed and set-up */
  readonly ensureLocation: (l: StockLocation) => Promise<void>
  /** bulk on-hand load for `crest seed` (before serving); existing levels are left as they are */
  readonly importStock: (
    levels: readonly { readonly variant_id: string; readonly location_id: string; readonly on_hand: number }[],
  ) => Promise<number>
}
