export type {
  InventoryApi,
  Reservation,
  Reserved,
  ReserveInput,
  StockLevel,
  StockLocation,
  VariantStock,
  WholeHold,
  WholeHoldPlan,
} from './contract.ts'
export type { InventoryError, InventoryErrorCode } from './errors.ts'
export { createInventory, type InventoryDeps } from './create-inventory.ts'
export { inventoryAdminRoutes } from './http/admin-routes.ts'
export { type LowStock, lowStockLevels } from './store/low-stock-sql.ts'
