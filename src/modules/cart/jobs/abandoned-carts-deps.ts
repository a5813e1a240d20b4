import type { Database, Executor } from '../../../platform/db/database.ts'
import type { CartDeps } from '../deps.ts'

/** The one reminder for a cart, as the notifications port receives it (template `cart_reminder`). */
export type CartReminder = {
  /** `cart_reminder:<cart id>`: the e-mail outbox keeps one row per key */
  readonly key: string
  readonly to: string
  readonly data: {
    readonly cartId: string
    readonly customerName?: string
    /** `/cart/return/<cart id>`: the storefront puts the cart back in the shopper's browser */
    readonly cartPath: string
    readonly items: readonly { readonly title: string; readonly quantity: number }[]
    readonly subtotal: number
    readonly currency: string
  }
}

export type AbandonedCartsDeps = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  readonly variants: CartDeps['variants']
  /** a signed-in customer's address and name; null when there is none (e.g. erased) */
  readonly contactOf: (customerId: string) => Promise<{ readonly email: string; readonly name?: string } | null>
  /** queues the e-mail in the caller's transaction; throws to roll the cart's decision back */
  readonly queueReminder: (reminder: CartReminder, tx: Executor) => Promise<void>
  readonly options: {
    /** idle this long (since the cart's last change) counts as abandoned; 0: the job does nothing */
    readonly afterMs: number
    readonly everyMs: number
    /** carts looked at per run */
    readonly batchSize: number
  }
}
