import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { ResponseCache } from '../../../platform/cache/response-cache.ts'
import { type HttpCachePolicy, sendCached } from '../../../platform/http/send-cached.ts'
import type { CatalogApi } from '../contract.ts'
import { CATALOG_TAG, productTag } from '../deps.ts'
import { categorySchema, currencySchema, errorSchema, listQuerySchema, productPageSchema, productSchema } from './schemas.ts'
import { sendCatalogError } from './send-error.ts'

export type StoreRoutesDeps = {
  readonly catalog: CatalogApi
  readonly cache: ResponseCache
  readonly policy: HttpCachePolicy
  readonly defaultCurrency: string
}

const JSON_TYPE = 'application/json; charset=utf-8'

/** A failed read that must not be cached: carries the error to the route. */
class ReadFailed extends Error {
  constructor(readonly failure: Parameters<typeof sendCatalogError>[1]) {
    super(failure.code)
  }
}

export const catalogStoreRoutes =
  (d: StoreRoutesDeps): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    const cached = { contentType: JSON_TYPE, policy: d.policy }

    app.get(
      '/products',
      {
        schema: {
          tags: ['store'],
          summary: 'List, filter and search products',
          querystring: listQuerySchema,
          response: { 200: productPageSchema, 400: errorSchema, 404: errorSchema },
        },
      },
      async (req, reply) => {
        const q = req.query
        const key = `store:products?${new URLSearchParams(
          Object.entries(q)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, String(v)])
            .sort(),
        ).toString()}`
        try {
          const entry = await d.cache.get(key, [CATALOG_TAG], async () => {
            const r = await d.catalog.listProducts({
              ...(q.q !== undefined && { q: q.q }),
              ...(q.category && { category: q.category }),
              ...(q.sort && { sort: q.sort }),
              ...(q.cursor && { cursor: q.cursor }),
              ...(q.price_min !== undefined && { priceMin: q.price_min }),
              ...(q.price_max !== undefined && { priceMax: q.price_max }),
              limit: q.limit,
              currency: q.currency ?? d.defaultCurrency,
            })
            if (!r.ok) throw new ReadFailed(r.error)
            return JSON.stringify(r.value)
          })
          return sendCached(req, reply, entry, { ...cached, surrogateKeys: [CATALOG_TAG] })
        } catch (e) {
          if (e instanceof ReadFailed) return sendCatalogError(reply, e.failure)
          throw e
        }
      },
    )

    app.get(
      '/products/:handle',
      {
        schema: {
          tags: ['store'],
          summary: 'One product by handle',
          params: z.object({ handle: z.string().min(1).max(200) }),
          querystring: z.object({ currency: currencySchema.optional() }),
          response: { 200: z.object({ product: productSchema }), 404: errorSchema },
        },
      },
      async (req, reply) => {
        const { handle } = req.params
        const currency = req.query.currency ?? d.defaultCurrency
        try {
          const entry = await d.cache.get(`store:product:${handle}:${currency}`, [productTag(handle)], async () => {
            const r = await d.catalog.getProduct({ handle, currency })
            if (!r.ok) throw new ReadFailed(r.error)
            return JSON.stringify({ product: r.value })
          })
          return sendCached(req, reply, entry, { ...cached, surrogateKeys: [productTag(handle)] })
        } catch (e) {
          if (e instanceof ReadFailed) return sendCatalogError(reply, e.failure)
          throw e
        }
      },
    )

    app.get(
      '/categories',
      {
        schema: {
          tags: ['store'],
          summary: 'All categories (a flat list; nest by parent_id)',
          response: { 200: z.object({ categories: z.array(categorySchema) }) },
        },
      },
      async (req, reply) => {
        const entry = await d.cache.get('store:categories', [CATALOG_TAG], async () =>
          JSON.stringify({ categories: await d.catalog.listCategories() }),
        )
        return sendCached(req, reply, entry, { ...cached, surrogateKeys: [CATALOG_TAG] })
      },
    )
  }
