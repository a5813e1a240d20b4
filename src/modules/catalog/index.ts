export type {
  CatalogApi,
  Category,
  Product,
  ProductInput,
  CategoryInput,
  Variant,
  ProductSort,
  VariantSnapshot,
  PriceSchedule,
  PriceScheduleStatus,
} from './contract.ts'
export type { CatalogError, CatalogErrorCode } from './errors.ts'
export type { AvailabilityPort } from './store/read-products.ts'
export { createCatalog } from './create-catalog.ts'
export { CATALOG_READS, CATALOG_TAG, productTag, type CatalogDeps } from './deps.ts'
export { catalogStoreRoutes } from './http/store-routes.ts'
export { catalogAdminRoutes } from './http/admin-routes.ts'
export { mediaFileRoutes } from './http/media-file-routes.ts'
export { createMediaStore, type MediaStore } from './media/media-store.ts'
export { generateCatalog, SEED_TIME as DEMO_SEED_TIME } from './seed/generate-catalog.ts'
