import { LRUCache } from 'lru-cache'
import type { CachedBody, ResponseCache } from './response-cache.ts'

export type StaleFallbackOptions = {
  /** false while the primary database is known to be down: serve the last good body at once */
  readonly available: () => boolean
  /** a failure while computing: true when it is a database outage (it is then reported to the breaker) */
  readonly report: (e: unknown) => boolean
  readonly maxEntries: number
  /** how long a last good body may stand in for a fresh one while the database is down */
  readonly maxStaleSeconds: number
  /** no database and nothing cached for this key */
  readonly unavailable: () => Error
}

export type StaleCache = ResponseCache & { readonly staleServed: () => number }

/**
 * Degraded mode for catalog reads: remembers the last body served for each key (whatever its tag
 * versions), and when the database is down serves that instead of failing — the storefront keeps
 * showing its catalog from cache. Bodies are shared with the response cache, not copied.
 */
export const withStaleFallback = (inner: ResponseCache, o: StaleFallbackOptions): StaleCache => {
  const ttlMs = o.maxStaleSeconds * 1000
  const lastGood = new LRUCache<string, CachedBody>({ max: o.maxEntries, ttl: ttlMs })
  let staleServed = 0
  const stale = (key: string, e: Error): CachedBody => {
    const body = lastGood.get(key)
    if (!body) throw e
    staleServed++
    return body
  }
  return {
    ...inner,
    get: async (key, tags, compute) => {
      if (!o.available()) return stale(key, o.unavailable())
      try {
        const body = await inner.get(key, tags, compute)
        // a hit hands back the same body object: re-set it only when it changed or half its
        // time is gone, so the hot path does not pay an LRU write per request
        if (lastGood.peek(key) !== body || lastGood.getRemainingTTL(key) < ttlMs / 2) lastGood.set(key, body)
        return body
      } catch (e) {
        if (!o.report(e)) throw e
        return stale(key, e as Error)
      }
    },
    staleServed: () => staleServed,
  }
}
