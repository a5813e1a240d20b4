import type { Executor } from '../../platform/db/database.ts'
import type { Money } from '../../platform/money/money.ts'
import type { Result } from '../../platform/result.ts'
import type { CartError } from './errors.ts'

export type CartItem = {
  readonly id: string
  readonly variant_id: string
  readonly sku: string
  readonly title: string
  readonly product_title: string
  readonly product_handle: string
  readonly quantity: number
  readonly unit_price: Money
  readonly total: Money
  readonly weight_grams: number
}

export type Cart = {
  readonly id: string
  readonly currency: string
  readonly status: 'active' | 'checking_out' | 'completed'
  readonly items: CartItem[]
  readonly discount_code: string | null
  /** why `discount_code` does not apply now (e.g. below its minimum), or null: checkout refuses it until removed */
  readonly discount_problem: string | null
  readonly discounts: { readonly code: string | null; readonly name: string; readonly amount: Money }[]
  readonly subtotal: Money
  readonly discount_total: Money
  readonly shipping_total: Money
  readonly tax_total: Money
  readonly total: Money
  readonly tax_inclusive: boolean
  readonly created_at: string
  readonly updated_at: string
}

export type ShippingOption = { readonly id: string; readonly name: string; readonly amount: Money }

/** A cart priced for checkout: current catalog prices, discounts, the chosen shipping, tax. */
export type CheckoutQuote = {
  readonly cart: Cart
  readonly lines: {
    readonly variantId: string
    readonly sku: string
    readonly title: string
    readonly quantity: number
    readonly unitPrice: number
  }[]
  readonly applied: { readonly promotionId: string; readonly code: string | null; readonly name: string; readonly amount: number }[]
  readonly shippingOption: ShippingOption
  readonly totals: {
    readonly subtotal: number
    readonly discountTotal: number
    readonly shippingTotal: number
    readonly taxTotal: number
    readonly total: number
  }
}

export type CartApi = {
  readonly createCart: (input: { readonly currency?: string; readonly customerId?: string }) => Promise<Result<Cart, CartError>>
  readonly getCart: (id: string) => Promise<Result<Cart, CartError>>
  readonly addItem: (cartId: string, input: { readonly variantId: string; readonly quantity: number }) => Promise<Result<Cart, CartError>>
  readonly updateItem: (cartId: string, itemId: string, quantity: number) => Promise<Result<Cart, CartError>>
  readonly removeItem: (cartId: string, itemId: string) => Promise<Result<Cart, CartError>>
  readonly applyDiscount: (cartId: string, code: string | null) => Promise<Result<Cart, CartError>>
  readonly shippingOptions: (cartId: string, country: string) => Promise<Result<ShippingOption[], CartError>>
  /** re-prices the cart for checkout; fails with the reason a shopper must fix */
  /**
   * Re-prices the cart for checkout. The e-mail given is remembered on the cart for the
   * abandoned-cart reminder, unless `rememberEmail` is false: the checkout then hands it to
   * `claimForCheckout` (no write of its own on the way to an order) or to `rememberEmail`.
   */
  readonly quote: (
    cartId: string,
    input: {
      readonly country: string
      readonly region?: string
      readonly shippingOptionId: string
      readonly email: string
      readonly rememberEmail?: boolean
    },
  ) => Promise<Result<CheckoutQuote, CartError>>
  /**
   * Claims an active cart for checkout inside the caller's transaction, and remembers the e-mail
   * given at checkout (a well-formed one) in the same conditional write.
   */
  readonly claimForCheckout: (tx: Executor, cartId: string, email?: string) => Promise<boolean>
  /** remembers the e-mail given at a checkout that did not get as far as claiming the cart */
  readonly rememberEmail: (cartId: string, email: string) => Promise<void>
  /**
   * The lines as the cart's last change left them, from a memo (never the database): for
   * shortcuts that must not wait on the database, such as the flash-sale "sold out" answer. Null
   * when not known; may lag a change made a moment ago, so only ever use it to refuse early what
   * the normal path would refuse too.
   */
  readonly peekLines: (cartId: string) => Promise<readonly { readonly variantId: string; readonly quantity: number }[] | null>
  readonly setStatus: (cartId: string, status: 'active' | 'completed', tx?: Executor) => Promise<void>
  /**
   * Customer erasure (docs/customers.md): forgets the checkout e-mail of the customer's carts, and
   * of carts given `email` (the account's verified address), in the caller's transaction.
   * Answers how many carts held one.
   */
  readonly eraseEmails: (q: { readonly customerId: string; readonly email?: string }, tx: Executor) => Promise<number>
  /** hook for a later issue: a guest cart joins the customer's cart at sign-in */
  readonly mergeInto: (input: { readonly fromCartId: string; readonly toCartId: string }) => Promise<Result<Cart, CartError>>
}
