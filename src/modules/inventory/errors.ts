export type InventoryError =
  | { readonly code: 'INVENTORY_UNKNOWN_VARIANT'; readonly message: string }
  | { readonly code: 'INVENTORY_UNKNOWN_LOCATION'; readonly message: string }
  | { readonly code: 'INVENTORY_INVALID_QUANTITY'; readonly message: string }
  | { readonly code: 'INVENTORY_BELOW_RESERVED'; readonly message: string; readonly reserved: number }
  | {
      readonly code: 'INVENTORY_INSUFFICIENT_STOCK'
      readonly message: string
      readonly variants: { readonly variant_id: string; readonly requested: number; readonly available: number }[]
    }

export type InventoryErrorCode = InventoryError['code']
