import type { Redis } from 'ioredis'
import { batchedReads } from './batched-reads.ts'

/**
 * Each cache tag has a version number; invalidating a tag bumps it. Cached entries are keyed by
 * the versions of their tags, so a bump makes every older entry unreachable at once — in every
 * process, when the versions live in Redis.
 */
export type TagVersions = {
  readonly read: (tags: readonly string[]) => Promise<readonly number[]>
  readonly bump: (tags: readonly string[]) => Promise<void>
}

export const localTagVersions = (): TagVersions => {
  const versions = new Map<string, number>()
  return {
    read: async (tags) => tags.map((t) => versions.get(t) ?? 0),
    bump: async (tags) => {
      for (const t of tags) versions.set(t, (versions.get(t) ?? 0) + 1)
    },
  }
}

export const redisTagVersions = (redis: Redis, prefix: string): TagVersions => {
  const keyOf = (tag: string) => `${prefix}tagv:${tag}`
  // one MGET per event-loop turn for every request in it (a cached read's main cost, docs/benchmarks.md)
  const readTurn = batchedReads(async (tags) => {
    const values = await redis.mget(tags.map(keyOf))
    return values.map((v) => (v === null ? 0 : Number(v)))
  })
  return {
    read: async (tags) => (tags.length === 0 ? [] : readTurn(tags)),
    bump: async (tags) => {
      if (tags.length === 0) return
      const pipeline = redis.pipeline()
      for (const t of tags) pipeline.incr(keyOf(t))
      const results = await pipeline.exec()
      const failed = results?.find(([error]) => error)
      if (failed) throw failed[0]
    },
  }
}
