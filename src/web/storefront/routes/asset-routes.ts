import type { FastifyInstance } from 'fastify'
import { etagOf } from '../../../platform/cache/response-cache.ts'
import { PLACEHOLDER_NAME, placeholderSvg } from '../placeholder-svg.ts'
import { LONG_CACHE, SHORT_CACHE, type StaticAsset, type StaticAssets, sendStatic } from '../static-assets.ts'

const PLACEHOLDER_FILE = /^(.+)\.svg$/

/** The stylesheet, the enhancement script and generated placeholder images. */
export const registerAssetRoutes = (app: FastifyInstance, assets: StaticAssets): void => {
  const serveAsset = (path: string, a: StaticAsset) =>
    app.get<{ Querystring: { v?: string } }>(path, (req, reply) =>
      // a request for the current version may be kept for a year; anything else is revalidated hourly
      sendStatic(req, reply, { ...a, cacheControl: a.href.endsWith(`?v=${req.query.v}`) ? LONG_CACHE : SHORT_CACHE }),
    )
  serveAsset('/assets/storefront.css', assets.css)
  serveAsset('/assets/storefront.js', assets.js)

  app.get<{ Params: { file: string } }>('/media/placeholder/:file', (req, reply) => {
    const name = PLACEHOLDER_FILE.exec(req.params.file)?.[1]
    if (!name || !PLACEHOLDER_NAME.test(name)) return reply.code(404).type('text/plain; charset=utf-8').send('Not found')
    const body = placeholderSvg(name)
    reply.header('content-security-policy', "default-src 'none'")
    return sendStatic(req, reply, { body, etag: etagOf(body), contentType: 'image/svg+xml', cacheControl: LONG_CACHE })
  })
}
