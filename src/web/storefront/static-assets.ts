import { readFileSync } from 'node:fs'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { etagOf } from '../../platform/cache/response-cache.ts'

export type StaticAsset = {
  readonly body: string
  readonly etag: string
  readonly contentType: string
  /** the URL pages link to: carries a content version so the file can be cached for long */
  readonly href: string
}

export type StaticAssets = { readonly css: StaticAsset; readonly js: StaticAsset }

/** One served file made of source files under ./assets, joined in order. */
const load = (name: string, parts: readonly string[], contentType: string): StaticAsset => {
  const body = parts.map((p) => readFileSync(new URL(`./assets/${p}`, import.meta.url), 'utf8')).join('\n')
  const etag = etagOf(body)
  return { body, etag, contentType, href: `/assets/${name}?v=${etag.slice(1, 11)}` }
}

/** The storefront's CSS (one stylesheet from four small files) and JS, read once at start. */
export const loadStaticAssets = (): StaticAssets => ({
  css: load('storefront.css', ['css/base.css', 'css/listing.css', 'css/product.css', 'css/shop.css'], 'text/css; charset=utf-8'),
  js: load('storefront.js', ['storefront.js'], 'text/javascript; charset=utf-8'),
})

/** A year for versioned URLs (their content never changes); an hour otherwise. */
export const LONG_CACHE = 'public, max-age=31536000, immutable'
export const SHORT_CACHE = 'public, max-age=3600, stale-while-revalidate=86400'

/** Sends a body with its ETag (304 when the browser already has it) and the given Cache-Control. */
export const sendStatic = (
  req: FastifyRequest,
  reply: FastifyReply,
  a: { readonly body: string; readonly etag: string; readonly contentType: string; readonly cacheControl: string },
) => {
  reply.header('etag', a.etag).header('cache-control', a.cacheControl).header('x-content-type-options', 'nosniff')
  const match = req.headers['if-none-match']
  if (match?.split(',').some((t) => t.trim().replace(/^W\//, '') === a.etag)) return reply.code(304).send()
  return reply.type(a.contentType).send(a.body)
}
