import type { FastifyInstance } from 'fastify'

export type BodyLimits = {
  /** the store API (/store): small JSON */
  readonly store: number
  /** the admin API (/admin): catalog writes and imports */
  readonly admin: number
  /** the storefront's and account pages' form posts (everything else but /webhooks) */
  readonly web: number
}

export type BodyClass = keyof BodyLimits | 'webhooks'

export const bodyClassOf = (url: string): BodyClass => {
  if (url === '/store' || url.startsWith('/store/')) return 'store'
  if (url === '/admin' || url.startsWith('/admin/')) return 'admin'
  if (url.startsWith('/webhooks/')) return 'webhooks'
  return 'web'
}

/**
 * A body limit per route class, for routes that set none of their own (a route's own limit wins;
 * webhooks keep their parser's). A larger body is refused with 413 `payload_too_large` before it is
 * read. Must be registered before the routes.
 */
export const registerBodyLimits = (app: FastifyInstance, limits: BodyLimits): void => {
  app.addHook('onRoute', (route) => {
    if (route.bodyLimit !== undefined) return
    const c = bodyClassOf(route.url)
    if (c !== 'webhooks') route.bodyLimit = limits[c]
  })
}
