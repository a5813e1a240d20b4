import { randomBytes } from 'node:crypto'
import { type BuiltApp, buildApp, type Engines } from '../../src/app.ts'
import { openCache } from '../../src/platform/cache/open-cache.ts'
import { type Config, loadConfig } from '../../src/platform/config/load-config.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { openPostgres } from '../../src/platform/db/open-postgres.ts'
import { replicasFromConfig } from '../../src/platform/db/replicas/replicas-from-config.ts'
import { createLogger } from '../../src/platform/logging/create-logger.ts'
import type { PgCluster } from './pg-cluster.ts'

export type CrestNode = {
  readonly built: BuiltApp
  readonly engines: Engines & { readonly replicas: NonNullable<Engines['replicas']> }
  readonly config: Config
  /** a staff bearer token (created on first use) */
  readonly staffAuth: () => Promise<{ authorization: string }>
  readonly close: () => Promise<void>
}

/**
 * One Crest app (as `crest serve` wires it: engines from config, replicas included) on the
 * cluster's primary and replica, in this process. Several nodes stand for several processes: each
 * has its own cache, floors and replica checker.
 */
export const startCrestNode = async (cluster: PgCluster, db: string, env: Record<string, string> = {}): Promise<CrestNode> => {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: cluster.primary.url(db),
    DATABASE_REPLICA_URLS: cluster.replica.url(db),
    DATABASE_POOL_SIZE: '4',
    DATABASE_REPLICA_CHECK_INTERVAL_MS: '100',
    ...env,
  })
  const logger = createLogger(config.LOG_LEVEL)
  const primary: Database = await openPostgres(config.DATABASE_URL as string, config.DATABASE_POOL_SIZE)
  const cache = openCache(config)
  const replicas = await replicasFromConfig(config, primary, { redis: cache.redis, logger })
  if (!replicas) throw new Error('no replicas configured')
  const engines = { db: primary, cache, logger, replicas }
  const built = await buildApp(config, engines)
  await built.app.ready()
  let auth: { authorization: string } | undefined
  return {
    built,
    engines,
    config,
    staffAuth: async () => {
      if (auth) return auth
      const email = `staff-${randomBytes(4).toString('hex')}@example.test`
      const created = await built.modules.staff.createUser({ email, password: 'correct horse battery', role: 'owner' })
      if (!created.ok) throw new Error(created.error.message)
      const token = await built.modules.staff.issueToken({ email, password: 'correct horse battery' })
      if (!token.ok) throw new Error(token.error.message)
      auth = { authorization: `Bearer ${token.value.token}` }
      return auth
    },
    close: async () => {
      await built.app.close()
      await replicas.close()
      await cache.close()
      await primary.close()
    },
  }
}
