import { Counter } from 'prom-client'
import { metricsRegistry } from './registry.ts'
import { sourceSet } from './scrape-sources.ts'

export type CacheReading = { readonly hits: number; readonly misses: number; readonly errors: number }
/** Caches count hits and misses themselves (plain integers); these are read at scrape time. */
export const cacheSources = sourceSet<{ readonly cache: string; readonly stats: () => CacheReading }>()

const counter = (name: string, help: string, pick: (r: CacheReading) => number) =>
  new Counter({
    name,
    help,
    labelNames: ['cache'] as const,
    registers: [metricsRegistry],
    collect() {
      this.reset()
      for (const s of cacheSources.each()) this.inc({ cache: s.cache }, pick(s.stats()))
    },
  })

/** Hit ratio: rate(crest_cache_hits_total) / (rate(crest_cache_hits_total) + rate(crest_cache_misses_total)). */
export const cacheHits = counter('crest_cache_hits_total', 'Lookups answered from the cache (in-process LRU or Redis tier)', (r) => r.hits)
export const cacheMisses = counter(
  'crest_cache_misses_total',
  'Lookups the cache could not answer (the response was computed)',
  (r) => r.misses,
)
export const cacheErrors = counter(
  'crest_cache_errors_total',
  'Cache engine errors (Redis unreachable …); the response was computed instead',
  (r) => r.errors,
)
