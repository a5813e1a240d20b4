import type { FastifyInstance } from 'fastify'
import { CATALOG_TAG } from '../../../modules/catalog/index.ts'
import { etagOf } from '../../../platform/cache/response-cache.ts'
import { sendCached } from '../../../platform/http/send-cached.ts'
import type { PageKit } from '../page-kit.ts'
import { collectSitemap, renderSitemap, robotsTxt } from '../sitemap.ts'
import { SHORT_CACHE, sendStatic } from '../static-assets.ts'

/** /sitemap.xml (cached, purged with the catalog) and /robots.txt. */
export const registerSeoRoutes = (app: FastifyInstance, kit: PageKit): void => {
  const { cache, catalog, policy } = kit.deps

  app.get('/sitemap.xml', async (req, reply) => {
    const origin = kit.origin(req)
    const entry = await cache.get(`sf|${origin}|sitemap`, [CATALOG_TAG], async () =>
      renderSitemap(await collectSitemap(catalog, { origin, currency: kit.currency })),
    )
    return sendCached(req, reply, entry, { contentType: 'application/xml; charset=utf-8', surrogateKeys: [CATALOG_TAG], policy })
  })

  app.get('/robots.txt', (req, reply) => {
    const body = robotsTxt(kit.origin(req))
    return sendStatic(req, reply, { body, etag: etagOf(body), contentType: 'text/plain; charset=utf-8', cacheControl: SHORT_CACHE })
  })
}
