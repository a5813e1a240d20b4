import type { FastifyPluginAsync } from 'fastify'
import type { StorefrontDeps } from '../storefront/deps.ts'
import { createPageKit } from '../storefront/page-kit.ts'
import { loadStaticAssets } from '../storefront/static-assets.ts'
import { registerAccountFormRoutes } from './account-form-routes.ts'
import { registerAuthFormRoutes } from './auth-form-routes.ts'
import type { AccountPagesDeps } from './page-context.ts'

/**
 * The storefront's account pages (server-rendered, plain forms, no JavaScript needed): sign-up,
 * sign-in, forgotten and reset password, e-mail verification, and /account with orders,
 * addresses, data export and erasure. Every page is private and never cached; every form post
 * must come from this site, and signed-in forms carry the session's CSRF token (docs/customers.md).
 */
export const accountPageRoutes =
  (d: AccountPagesDeps & { readonly storefront: StorefrontDeps }): FastifyPluginAsync =>
  async (app) => {
    const kit = createPageKit(d.storefront, loadStaticAssets())
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(body as string))),
    )
    const c = { ...d, kit, ...(d.storefront.config.PUBLIC_URL && { publicOrigin: d.storefront.config.PUBLIC_URL }) }
    registerAuthFormRoutes(app, c)
    registerAccountFormRoutes(app, c)
  }
