import type { FastifyError, FastifyPluginAsync } from 'fastify'
import type { StorefrontDeps } from './deps.ts'
import { createPageKit } from './page-kit.ts'
import { registerAssetRoutes } from './routes/asset-routes.ts'
import { registerCartReturnRoute } from './routes/cart-return-route.ts'
import { registerHomeRoute } from './routes/home-route.ts'
import { registerListingRoutes } from './routes/listing-routes.ts'
import { registerProductRoute } from './routes/product-route.ts'
import { registerSeoRoutes } from './routes/seo-routes.ts'
import { registerShopRoutes } from './routes/shop-routes.ts'
import { loadStaticAssets } from './static-assets.ts'

export type { StorefrontDeps } from './deps.ts'

/**
 * The server-rendered storefront: home, categories, search, product pages, sitemap, robots.txt, assets and
 * placeholder images, and (with cart, checkout and orders) the cart, checkout and order status pages. Pages go through the response cache and carry ETag, Cache-Control and Surrogate-Key.
 */
export const storefrontRoutes =
  (d: StorefrontDeps): FastifyPluginAsync =>
  async (app) => {
    const assets = loadStaticAssets()
    const kit = createPageKit(d, assets)
    // Failures on these routes are shown as HTML pages, not the API's JSON errors.
    app.setErrorHandler(async (error: FastifyError, req, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
      if (status === 500) req.log.error({ err: error }, 'storefront page failed')
      return kit.sendError(req, reply, {
        status,
        heading: status === 500 ? 'Something went wrong on our side' : 'We could not read that request',
        detail: status === 500 ? 'Please try again in a moment.' : 'Please check the address and try again.',
      })
    })
    registerHomeRoute(app, kit)
    registerListingRoutes(app, kit)
    registerProductRoute(app, kit)
    registerSeoRoutes(app, kit)
    registerAssetRoutes(app, assets)
    // Selling (cart, checkout, order status) only when the commerce modules are wired in.
    if (d.cart) registerCartReturnRoute(app, kit, { cart: d.cart }) // the abandoned-cart reminder's link
    if (d.cart && d.checkout && d.orders)
      registerShopRoutes(app, kit, {
        cart: d.cart,
        checkout: d.checkout,
        orders: d.orders,
        ...(d.shipments && { shipments: d.shipments }),
        ...(d.returns && { returns: d.returns }),
        ...(d.once && { once: d.once }),
      })
  }
