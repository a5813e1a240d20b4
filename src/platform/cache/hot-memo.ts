import type { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'

/**
 * A small key → string memo for hot-path shortcuts (never the source of truth): in Redis when it
 * is configured, so every process sees the same entries, else in this process. Redis errors read
 * as a miss and skip the write: the caller then takes its normal path.
 */
export type HotMemo = {
  readonly get: (key: string) => Promise<string | null>
  readonly set: (key: string, value: string) => Promise<void>
}

export const createHotMemo = (o: {
  readonly redis?: Redis
  readonly prefix: string
  readonly ttlSeconds: number
  readonly maxLocal: number
}): HotMemo => {
  const redis = o.redis
  if (redis) {
    return {
      get: (key) => redis.get(`${o.prefix}${key}`).catch(() => null),
      set: async (key, value) => {
        await redis.set(`${o.prefix}${key}`, value, 'EX', o.ttlSeconds).catch(() => undefined)
      },
    }
  }
  const local = new LRUCache<string, string>({ max: o.maxLocal, ttl: o.ttlSeconds * 1000 })
  return {
    get: async (key) => local.get(key) ?? null,
    set: async (key, value) => {
      local.set(key, value)
    },
  }
}
