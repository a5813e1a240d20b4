import { readFileSync } from 'node:fs'
import type { FastifyInstance, FastifyPluginAsync, preHandlerHookHandler } from 'fastify'
import type { CacheEngine } from '../cache/open-cache.ts'
import type { ResponseCache } from '../cache/response-cache.ts'
import { withStaleFallback } from '../cache/stale-fallback.ts'
import type { Config } from '../config/load-config.ts'
import { DatabaseUnavailableError } from '../db/database-down.ts'
import type { Logger } from '../logging/create-logger.ts'
import { registerDegradedMode } from './degraded-mode.ts'
import type { DependencyBreaker } from './dependency-breaker.ts'
import { createDatabaseBreaker, redisBreaker } from './engine-breakers.ts'
import { maintenanceAdminRoutes } from './maintenance-routes.ts'
import { createMaintenanceSwitch, type MaintenanceSwitch } from './maintenance-switch.ts'

export type Resilience = {
  /** the response cache, falling back to the last good bodies while the primary database is down */
  readonly cache: ResponseCache
  readonly database: DependencyBreaker | null
  readonly redis: DependencyBreaker | null
  readonly maintenance: MaintenanceSwitch
  readonly adminRoutes: (requireStaff: preHandlerHookHandler) => FastifyPluginAsync
}

type ResilienceConfig = Pick<
  Config,
  | 'DATABASE_URL'
  | 'REDIS_PREFIX'
  | 'STORE_NAME'
  | 'CACHE_MAX_ENTRIES'
  | 'MAINTENANCE_MODE'
  | 'MAINTENANCE_MESSAGE'
  | 'MAINTENANCE_PAGE'
  | 'MAINTENANCE_RETRY_AFTER_SECONDS'
  | 'DEGRADED_MAX_STALE_SECONDS'
>

/**
 * Degraded mode for `serve`: breakers on the primary database (PostgreSQL only: the embedded one
 * lives in this process) and Redis, the maintenance switch, the request hooks, the stale-cache
 * fallback for catalog reads. Call before registering routes. docs/resilience.md.
 */
export const setupResilience = (app: FastifyInstance, config: ResilienceConfig, e: { cache: CacheEngine; logger: Logger }): Resilience => {
  const database = config.DATABASE_URL ? createDatabaseBreaker(config.DATABASE_URL, e.logger) : null
  const redis = e.cache.redis ? redisBreaker(e.cache.redis, e.logger) : null
  const maintenance = createMaintenanceSwitch({
    ...(e.cache.redis && { redis: e.cache.redis }),
    key: `${config.REDIS_PREFIX}maintenance`,
    forced: config.MAINTENANCE_MODE,
    defaultMessage: config.MAINTENANCE_MESSAGE,
  })
  registerDegradedMode(app, {
    storeName: config.STORE_NAME,
    database,
    maintenance,
    maintenanceRetryAfterSeconds: config.MAINTENANCE_RETRY_AFTER_SECONDS,
    ...(config.MAINTENANCE_PAGE && { customMaintenancePage: readFileSync(config.MAINTENANCE_PAGE, 'utf8') }),
  })
  const cache = database
    ? withStaleFallback(e.cache.cache, {
        available: database.available,
        report: database.report,
        maxEntries: config.CACHE_MAX_ENTRIES,
        maxStaleSeconds: config.DEGRADED_MAX_STALE_SECONDS,
        unavailable: () => new DatabaseUnavailableError(),
      })
    : e.cache.cache
  app.addHook('onClose', async () => {
    database?.stop()
    redis?.stop()
    maintenance.stop()
  })
  return { cache, database, redis, maintenance, adminRoutes: (requireStaff) => maintenanceAdminRoutes({ maintenance, requireStaff }) }
}
