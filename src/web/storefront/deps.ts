import type { CartApi } from '../../modules/cart/index.ts'
import type { CatalogApi } from '../../modules/catalog/index.ts'
import type { CheckoutApi } from '../../modules/checkout/index.ts'
import type { Shipment } from '../../modules/fulfillment/index.ts'
import type { OrdersApi } from '../../modules/orders/index.ts'
import type { ReturnsApi } from '../../modules/returns/index.ts'
import type { ResponseCache } from '../../platform/cache/response-cache.ts'
import type { Config } from '../../platform/config/load-config.ts'
import type { RunOnce } from '../../platform/db/run-once.ts'
import type { HttpCachePolicy } from '../../platform/http/send-cached.ts'

export type StorefrontDeps = {
  readonly catalog: CatalogApi
  readonly cache: ResponseCache
  readonly policy: HttpCachePolicy
  readonly config: Config
  /** with all three, the storefront has a cart (/cart), a checkout (/checkout) and order status pages (/orders/:id) */
  readonly cart?: CartApi
  readonly checkout?: CheckoutApi
  readonly orders?: OrdersApi
  /** an order's parcels and their tracking events, for the order page's timeline */
  readonly shipments?: (orderId: string) => Promise<Shipment[]>
  /** with it, the order page lists the order's returns with their steps and has a "Request a return" form */
  readonly returns?: ReturnsApi
  /** with it, "Place order" sent twice (a double-click) places one order and shows it to both sendings */
  readonly once?: RunOnce
}
