export type { InventoryApi, Reservation, StockLevel, StockLocation, VariantStock } from './contract.ts'
export type { InventoryError, InventoryErrorCode } from './errors.ts'
export { createInventory, type InventoryDeps } from './create-inventory.ts'
export { inventoryAdminRoutes } from './http/admin-routes.ts'
