import 'dotenv/config'
import type { Engines } from '../app.ts'
import { openCache } from '../platform/cache/open-cache.ts'
import { type Config, ConfigError, loadConfig } from '../platform/config/load-config.ts'
import { migrate } from '../platform/db/migrate.ts'
import { openDatabase } from '../platform/db/open-database.ts'
import { replicasFromConfig } from '../platform/db/replicas/replicas-from-config.ts'
import { createLogger } from '../platform/logging/create-logger.ts'
import { startTracing, stopTracing } from '../platform/tracing/index.ts'
import { VERSION } from '../version.ts'

/** Reads and validates configuration, or exits with a message naming the bad setting. */
export const readConfig = (): Config => {
  try {
    return loadConfig(process.env)
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`)
      process.exit(2)
    }
    throw e
  }
}

/** Opens the engines the configuration names and applies pending migrations. */
export const openEngines = async (config: Config, role: string): Promise<Engines> => {
  const logger = createLogger(config.LOG_LEVEL, { role })
  // spans over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (docs/operations.md)
  await startTracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: config.OTEL_SERVICE_NAME, serviceVersion: VERSION, role })
  const db = await openDatabase(config)
  await migrate(db)
  const cache = openCache(config, (err) => logger.warn({ err }, 'cache engine error'))
  logger.info({ database: db.describe, cache: cache.describe }, 'engines ready')
  const replicas = await replicasFromConfig(config, db, { redis: cache.redis, logger }) // docs/replicas.md
  return { db, cache, logger, ...(replicas && { replicas }) }
}

export const closeEngines = async (e: Engines) => {
  await e.replicas?.close()
  await e.cache.close()
  await e.db.close()
  await stopTracing()
}
