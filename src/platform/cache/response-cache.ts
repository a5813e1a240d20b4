import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'
import type { TagVersions } from './tag-versions.ts'

/** A serialized response: the exact bytes to send and their strong ETag. */
export type CachedBody = { readonly body: string; readonly etag: string }

export type CacheStats = { hits: number; misses: number; errors: number }

export type ResponseCache = {
  /** Returns the cached body for key+tags, computing and storing it on a miss (single flight). */
  readonly get: (key: string, tags: readonly string[], compute: () => Promise<string>) => Promise<CachedBody>
  /** Makes every entry carrying one of these tags unreachable, in every process sharing the versions. */
  readonly invalidate: (tags: readonly string[]) => Promise<void>
  readonly stats: () => Readonly<CacheStats>
}

export type ResponseCacheOptions = {
  readonly versions: TagVersions
  readonly redis?: Redis
  readonly prefix: string
  readonly maxEntries: number
  readonly ttlSeconds: number
  readonly onError?: (error: unknown) => void
}

export const etagOf = (body: string): string => `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`

const toEntry = (body: string): CachedBody => ({ body, etag: etagOf(body) })

/** Two tiers: an in-process LRU, then Redis when configured; both keyed by tag versions. */
export const createResponseCache = (o: ResponseCacheOptions): ResponseCache => {
  const local = new LRUCache<string, CachedBody>({ max: o.maxEntries, ttl: o.ttlSeconds * 1000 })
  const inflight = new Map<string, Promise<CachedBody>>()
  const stats: CacheStats = { hits: 0, misses: 0, errors: 0 }
  const fail = (e: unknown) => {
    stats.errors++
    o.onError?.(e)
  }

  const fromRedis = async (fullKey: string): Promise<CachedBody | undefined> => {
    if (!o.redis) return undefined
    const raw = await o.redis.get(`${o.prefix}c:${fullKey}`).catch((e) => void fail(e))
    if (!raw) return undefined
    const cut = raw.indexOf('\n')
    return { etag: raw.slice(0, cut), body: raw.slice(cut + 1) }
  }

  const compute = async (fullKey: string, produce: () => Promise<string>) => {
    const stored = await fromRedis(fullKey)
    if (stored) {
      stats.hits++
      local.set(fullKey, stored)
      return stored
    }
    stats.misses++
    const entry = toEntry(await produce())
    local.set(fullKey, entry)
    o.redis?.set(`${o.prefix}c:${fullKey}`, `${entry.etag}\n${entry.body}`, 'EX', o.ttlSeconds).catch(fail)
    return entry
  }

  const get: ResponseCache['get'] = async (key, tags, produce) => {
    let versions: readonly number[]
    try {
      versions = await o.versions.read(tags)
    } catch (e) {
      fail(e) // without versions nothing cached can be trusted: serve fresh
      return toEntry(await produce())
    }
    const fullKey = `${key}|${versions.join('.')}`
    const hit = local.get(fullKey)
    if (hit) {
      stats.hits++
      return hit
    }
    const pending = inflight.get(fullKey)
    if (pending) return pending
    const p = compute(fullKey, produce).finally(() => inflight.delete(fullKey))
    inflight.set(fullKey, p)
    return p
  }

  return {
    get,
    invalidate: (tags) => o.versions.bump(tags),
    stats: () => stats,
  }
}
