import type { FastifyPluginAsync } from 'fastify'
import { registerAccountRoutes } from './account-routes.ts'
import { registerAuthRoutes } from './auth-routes.ts'
import { refuseCrossSite } from './guard.ts'
import type { CustomersRoutesDeps } from './routes-deps.ts'

export type { CustomersRoutesDeps } from './routes-deps.ts'

/**
 * The store API of customer accounts (register with prefix /store). Cookie sessions; every change
 * sent from another site is refused (Origin / Sec-Fetch-Site), and every change made with a
 * session must carry its CSRF token (X-CSRF-Token). See docs/customers.md.
 */
export const customerStoreRoutes =
  (d: CustomersRoutesDeps): FastifyPluginAsync =>
  async (app) => {
    app.addHook('preHandler', refuseCrossSite(d.publicOrigin))
    registerAuthRoutes(app, d)
    registerAccountRoutes(app, d)
  }
