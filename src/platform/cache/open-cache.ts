import { Redis } from 'ioredis'
import { instrumentRedis } from './instrument-redis.ts'
import type { Config } from '../config/load-config.ts'
import { createResponseCache, type ResponseCache } from './response-cache.ts'
import { localTagVersions, redisTagVersions } from './tag-versions.ts'

export type CacheEngine = {
  readonly cache: ResponseCache
  readonly redis: Redis | undefined
  readonly ping: () => Promise<void>
  readonly close: () => Promise<void>
  readonly describe: string
}

type CacheConfig = Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'CACHE_MAX_ENTRIES' | 'CACHE_TTL_SECONDS'>

/** In-process only by default; with REDIS_URL, tag versions and a second tier live in Redis. */
export const openCache = (config: CacheConfig, onError?: (e: unknown) => void): CacheEngine => {
  const base = {
    prefix: config.REDIS_PREFIX,
    maxEntries: config.CACHE_MAX_ENTRIES,
    ttlSeconds: config.CACHE_TTL_SECONDS,
    ...(onError ? { onError } : {}),
  }
  if (!config.REDIS_URL) {
    return {
      cache: createResponseCache({ ...base, versions: localTagVersions() }),
      redis: undefined,
      ping: async () => {},
      close: async () => {},
      describe: 'in-process',
    }
  }
  instrumentRedis() // spans for Redis commands when tracing is on (docs/operations.md)
  const redis = new Redis(config.REDIS_URL, {
    enableAutoPipelining: true,
    commandTimeout: 500,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
  })
  redis.on('error', (e) => onError?.(e))
  return {
    cache: createResponseCache({ ...base, versions: redisTagVersions(redis, config.REDIS_PREFIX), redis }),
    redis,
    ping: async () => {
      await redis.ping()
    },
    close: async () => {
      redis.disconnect()
    },
    describe: `in-process + redis (${new URL(config.REDIS_URL).host})`,
  }
}
