export type InventoryError =
  | { readonly code: 'INVENTORY_UNKNOWN_VARIANT'; readonly message: string }
  | { readonly code: 'INVENTORY_UNKNOWN_LOCATION'; readonly message: string }
  | { readonly code: 'INVENTORY_BELOW_RESERVED'; readonly message: string; readonly reserved: number }

export type InventoryErrorCode = InventoryError['code']
