import { abandonedCartsJob } from './modules/cart/index.ts'
import type { CatalogApi } from './modules/catalog/index.ts'
import type { CustomersApi } from './modules/customers/index.ts'
import type { NotificationsApi } from './modules/notifications/index.ts'
import { AppError } from './platform/app-error.ts'
import type { Config } from './platform/config/load-config.ts'
import type { Database } from './platform/db/database.ts'

type Wiring = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  readonly catalog: CatalogApi
  readonly customers: CustomersApi
  readonly notifications: NotificationsApi
}

/**
 * The abandoned-cart job (docs/processing.md): the cart module decides, the customers module knows
 * a signed-in shopper's address, the notifications module queues the e-mail in the cart's transaction.
 */
export const wireAbandonedCarts = (config: Config, w: Wiring) =>
  abandonedCartsJob({
    db: w.db,
    clock: w.clock,
    variants: w.catalog.getVariants,
    contactOf: async (customerId) => {
      const r = await w.customers.getCustomer(customerId)
      return r.ok ? { email: r.value.email, ...(r.value.name && { name: r.value.name }) } : null
    },
    queueReminder: async (reminder, tx) => {
      const r = await w.notifications.enqueue(
        { key: reminder.key, to: reminder.to, template: 'cart_reminder', data: { ...reminder.data, items: [...reminder.data.items] } },
        tx,
      )
      if (!r.ok) throw new AppError(r.error.code, r.error.message, { details: r.error })
    },
    options: { afterMs: config.ABANDONED_CART_AFTER_MINUTES * 60_000, everyMs: config.ABANDONED_CART_INTERVAL_MS, batchSize: 100 },
  })
