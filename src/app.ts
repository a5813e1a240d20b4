import type { FastifyInstance } from 'fastify'
import { requireBearer } from './platform/auth/bearer-auth.ts'
import type { CacheEngine } from './platform/cache/open-cache.ts'
import type { Config } from './platform/config/load-config.ts'
import type { Database } from './platform/db/database.ts'
import { createServer } from './platform/http/create-server.ts'
import { registerHealth } from './platform/http/health-routes.ts'
import { registerIdempotency } from './platform/http/idempotency.ts'
import { registerOpenApi } from './platform/http/openapi.ts'
import { newId } from './platform/ids/new-id.ts'
import type { Logger } from './platform/logging/create-logger.ts'
import { type CatalogApi, catalogAdminRoutes, catalogStoreRoutes, createCatalog } from './modules/catalog/index.ts'
import { createInventory, type InventoryApi, inventoryAdminRoutes } from './modules/inventory/index.ts'
import { createStaff, type StaffApi, staffAuthRoutes } from './modules/staff/index.ts'
import { storefrontRoutes } from './web/storefront/index.ts'

export type Engines = { readonly db: Database; readonly cache: CacheEngine; readonly logger: Logger }

export type Modules = { readonly catalog: CatalogApi; readonly inventory: InventoryApi; readonly staff: StaffApi }

export const VERSION = '0.1.0'

/** Wires the modules together: one readable place for every dependency. */
export const createModules = (config: Config, e: Engines): Modules => {
  const clock = { now: () => new Date() }
  const invalidate = (tags: readonly string[]) =>
    e.cache.cache.invalidate(tags).catch((err) => e.logger.error({ err, tags }, 'cache invalidation failed'))
  let inventory: InventoryApi | undefined
  const catalog = createCatalog({
    db: e.db, clock, newId, invalidate, defaultCurrency: config.DEFAULT_CURRENCY,
    availability: (ids) => (inventory as InventoryApi).availableFor(ids),
  })
  inventory = createInventory({
    db: e.db,
    newId,
    exactStockBelow: config.STOCK_EXACT_BELOW,
    variantExists: catalog.variantExists,
    onStockChanged: catalog.invalidateVariants,
  })
  const staff = createStaff({ db: e.db, clock, newId, tokenTtlHours: config.STAFF_TOKEN_TTL_HOURS })
  return { catalog, inventory, staff }
}

export type BuiltApp = { readonly app: FastifyInstance; readonly modules: Modules; readonly startDraining: () => void }

export const buildApp = async (config: Config, e: Engines): Promise<BuiltApp> => {
  const app = createServer(e.logger)
  const modules = createModules(config, e)
  let draining = false
  await registerOpenApi(app, { title: config.STORE_NAME, version: VERSION })
  registerHealth(app, [
    { name: 'database', check: e.db.ping },
    { name: 'cache', check: e.cache.ping },
  ], () => draining)
  registerIdempotency(app, e.db)
  const requireStaff = requireBearer(modules.staff.verifyToken)
  const policy = { sMaxAge: config.HTTP_S_MAXAGE, staleWhileRevalidate: config.HTTP_STALE_WHILE_REVALIDATE }
  const cache = e.cache.cache
  await app.register(catalogStoreRoutes({ catalog: modules.catalog, cache, policy, defaultCurrency: config.DEFAULT_CURRENCY }), { prefix: '/store' })
  await app.register(staffAuthRoutes({ staff: modules.staff }), { prefix: '/admin' })
  await app.register(catalogAdminRoutes({ catalog: modules.catalog, requireStaff, defaultCurrency: config.DEFAULT_CURRENCY }), { prefix: '/admin' })
  await app.register(inventoryAdminRoutes({ inventory: modules.inventory, requireStaff }), { prefix: '/admin' })
  await app.register(storefrontRoutes({ catalog: modules.catalog, cache, policy, config }))
  return { app, modules, startDraining: () => { draining = true } }
}
