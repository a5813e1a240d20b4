import type { FastifyInstance } from 'fastify'
import type { Database } from '../platform/db/database.ts'
import {
  type CacheReading,
  cacheSources,
  pipelineSources,
  type ProviderReading,
  providerSources,
  topSellerSources,
} from '../platform/metrics/index.ts'
import { readPipeline } from './read-pipeline.ts'
import type { SalesTally } from './sales-tally.ts'

export type Watched = {
  readonly db: Database
  readonly responseCache: { readonly stats: () => CacheReading }
  readonly gateways: () => readonly ProviderReading[]
  readonly carriers: () => readonly ProviderReading[]
  readonly availableFor: (variantIds: readonly string[]) => Promise<ReadonlyMap<string, number>>
  readonly tally: SalesTally
}

export const TOP_SELLERS = 10

/**
 * Registers what `/metrics` reads at scrape time for this app (cache counts, gateway and carrier
 * breakers, the event pipeline's backlog, top sellers' stock) and removes it when the app closes.
 */
export const watchApp = (app: FastifyInstance, w: Watched): void => {
  const removers = [
    cacheSources.add({ cache: 'response', stats: w.responseCache.stats }),
    providerSources.add({ kind: 'payment', read: w.gateways }),
    providerSources.add({ kind: 'carrier', read: w.carriers }),
    pipelineSources.add({ read: () => readPipeline(w.db) }),
    topSellerSources.add({
      read: async () => {
        const top = w.tally.top(TOP_SELLERS)
        return top.length ? w.availableFor(top) : new Map()
      },
    }),
  ]
  app.addHook('onClose', async () => {
    for (const remove of removers) remove()
  })
}
