import type { CatalogApi } from './modules/catalog/index.ts'
import { buildCarriers, processingOptionsFromConfig } from './modules/fulfillment/index.ts'
import type { InventoryApi } from './modules/inventory/index.ts'
import type { NotificationsApi } from './modules/notifications/index.ts'
import type { OrdersApi } from './modules/orders/index.ts'
import type { PaymentsApi } from './modules/payments/index.ts'
import { createReturns, type ReturnsApi, type SellableVariant } from './modules/returns/index.ts'
import { AppError } from './platform/app-error.ts'
import type { Config } from './platform/config/load-config.ts'
import type { Database } from './platform/db/database.ts'
import { newId } from './platform/ids/new-id.ts'
import type { Logger } from './platform/logging/create-logger.ts'
import { ok, type Result } from './platform/result.ts'
import type { Money } from './platform/money/money.ts'

type Wiring = {
  readonly db: Database
  readonly logger: Logger
  readonly clock: { readonly now: () => Date }
  readonly catalog: CatalogApi
  readonly inventory: InventoryApi
  readonly orders: OrdersApi
  readonly payments: PaymentsApi
  readonly notifications: NotificationsApi
  readonly shipments: (orderId: string) => Promise<readonly { carrier: string; carrier_shipment_id: string; status: string }[]>
}

/** Each variant's categories, by id and by handle (the policy may name either). */
const categoriesOf = (catalog: CatalogApi, currency: string) => async (variantIds: readonly string[]) => {
  const variants = await catalog.getVariants(variantIds, currency)
  const handleOf = new Map((await catalog.listCategories()).map((c) => [c.id, c.handle]))
  const byProduct = new Map<string, string[]>()
  for (const productId of new Set([...variants.values()].map((v) => v.product_id))) {
    const p = await catalog.getProduct({ id: productId, currency, includeDrafts: true })
    byProduct.set(productId, p.ok ? p.value.category_ids.flatMap((id) => [id, handleOf.get(id) ?? id]) : [])
  }
  return new Map([...variants.values()].map((v) => [v.id, byProduct.get(v.product_id) ?? []]))
}

const sellable = (catalog: CatalogApi) => async (variantIds: readonly string[], currency: string) => {
  const out = new Map<string, SellableVariant>()
  for (const v of (await catalog.getVariants(variantIds, currency)).values())
    if (v.purchasable && v.price) out.set(v.id, { id: v.id, sku: v.sku, title: `${v.product_title} – ${v.title}`, price: v.price.amount })
  return out
}

/** The returns module with its ports: catalog facts, carriers (CARRIERS), e-mails through notifications. */
export const wireReturns = (config: Config, w: Wiring): ReturnsApi => {
  const processing = processingOptionsFromConfig(config)
  if (!processing.ok) throw new AppError('CONFIG_INVALID', processing.error.message)
  return createReturns({
    db: w.db,
    clock: w.clock,
    newId,
    logger: w.logger,
    orders: w.orders,
    payments: w.payments,
    inventory: w.inventory,
    shipments: w.shipments,
    carriers: buildCarriers(processing.value),
    categoriesOf: categoriesOf(w.catalog, config.DEFAULT_CURRENCY),
    sellable: sellable(w.catalog),
    enqueueEmail: async (email, tx) => {
      const r = await w.notifications.enqueue(email, tx)
      if (!r.ok) throw new AppError(r.error.code, r.error.message, { details: r.error })
    },
    options: {
      policy: {
        windowDays: config.RETURN_WINDOW_DAYS,
        windowFrom: config.RETURN_WINDOW_FROM,
        nonReturnableCategories: config.RETURN_NON_RETURNABLE_CATEGORIES,
        autoApproveBelow: config.RETURN_AUTO_APPROVE_BELOW,
      },
      restockLocation: config.RETURN_RESTOCK_LOCATION || null,
    },
  })
}

/**
 * Order processing captures every shipped order; an exchange order has nothing to capture (total 0,
 * no payment), so it counts as captured at zero instead of failing at the gateway.
 */
export const captureOrNothing =
  (payments: PaymentsApi, orders: OrdersApi) =>
  async (orderId: string): Promise<Result<{ readonly captured: Money }, { readonly code: string; readonly message: string }>> => {
    if (!(await payments.getPayment(orderId))) {
      const o = await orders.getOrder(orderId)
      if (o.ok && o.value.total.amount === 0) return ok({ captured: { amount: 0, currency: o.value.currency } })
    }
    return payments.capture({ orderId })
  }
