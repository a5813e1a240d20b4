import type { Redis } from 'ioredis'
import type { Config } from '../../config/load-config.ts'
import type { Logger } from '../../logging/create-logger.ts'
import type { Database } from '../database.ts'
import { redisFloors } from './floor-store.ts'
import { openReplicas, type Replicas } from './open-replicas.ts'

type ReplicaConfig = Pick<
  Config,
  | 'DATABASE_REPLICA_URLS'
  | 'DATABASE_POOL_SIZE'
  | 'DATABASE_PREPARED_STATEMENTS'
  | 'DATABASE_REPLICA_MAX_LAG_SECONDS'
  | 'DATABASE_REPLICA_CHECK_INTERVAL_MS'
  | 'REDIS_PREFIX'
>

/**
 * The read replicas DATABASE_REPLICA_URLS names (none: undefined, every read on the primary).
 * With Redis, the write floors are shared, so a change made through one process is never read
 * stale from a replica by another (whose cache the change just invalidated).
 */
export const replicasFromConfig = async (
  config: ReplicaConfig,
  primary: Database,
  o: { readonly redis: Redis | undefined; readonly logger: Logger },
): Promise<Replicas | undefined> => {
  if (config.DATABASE_REPLICA_URLS.length === 0) return undefined
  const keepMs = Math.max(60_000, config.DATABASE_REPLICA_MAX_LAG_SECONDS * 4_000)
  const replicas = await openReplicas(
    primary,
    {
      urls: config.DATABASE_REPLICA_URLS,
      poolSize: config.DATABASE_POOL_SIZE,
      prepare: config.DATABASE_PREPARED_STATEMENTS,
      maxLagSeconds: config.DATABASE_REPLICA_MAX_LAG_SECONDS,
      checkIntervalMs: config.DATABASE_REPLICA_CHECK_INTERVAL_MS,
      ...(o.redis && { floors: redisFloors(o.redis, config.REDIS_PREFIX, keepMs) }),
    },
    o.logger,
  )
  o.logger.info(
    { replicas: replicas.nodes.map((r) => ({ replica: r.name, inRotation: r.state.inRotation, reason: r.state.reason })) },
    'read replicas',
  )
  return replicas
}
