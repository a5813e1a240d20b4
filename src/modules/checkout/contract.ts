import type { Result } from '../../platform/result.ts'
import type { Address, Order } from '../orders/index.ts'
import type { AmbiguousResolution } from '../payments/index.ts'
import type { CheckoutError } from './errors.ts'

export type CheckoutInput = {
  readonly cartId: string
  readonly email: string
  readonly shippingAddress: Address
  readonly shippingOptionId: string
  readonly payment: { readonly provider: string; readonly token: string }
  readonly customerId?: string
}

export type CheckoutApi = {
  /** reserve, create the order, then authorise payment; compensates when payment fails */
  readonly placeOrder: (input: CheckoutInput) => Promise<Result<{ readonly order: Order; readonly accessToken: string }, CheckoutError>>
  /**
   * A flash-sale buyer past the last unit, known from the cart alone (its remembered lines and the
   * gate): the "sold out" answer to give before reading the checkout request. Null: check out as usual.
   */
  readonly soldOutAtOnce: (cartId: string) => Promise<CheckoutError | null>
  /** staff cancel: voids or refunds payment as needed and gives the stock back */
  readonly cancelOrder: (
    orderId: string,
    note: string,
  ) => Promise<Result<Order, CheckoutError | { readonly code: 'CHECKOUT_CANNOT_CANCEL'; readonly message: string }>>
  /** jobs: expired reservations, and pending orders left by a crash */
  readonly releaseExpired: () => Promise<{ readonly released: number; readonly canceled: number }>
  readonly reconcilePending: () => Promise<{ readonly placed: number; readonly canceled: number }>
  /** job: settles authorise attempts that timed out or broke after sending (decision 0018), by resolution */
  readonly recoverAmbiguousPayments: () => Promise<Readonly<Record<AmbiguousResolution, number>>>
  /** flash sales: gate a variant at its current available units */
  readonly openFlashSale: (variantId: string) => Promise<{ readonly units: number }>
  readonly closeFlashSale: (variantId: string) => Promise<void>
}
