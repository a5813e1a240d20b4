export type OutOfStockLine = { readonly variant_id: string; readonly requested: number; readonly available: number }

export type CheckoutError =
  | { readonly code: 'CHECKOUT_CART_NOT_FOUND'; readonly message: string }
  | { readonly code: 'CHECKOUT_CART_NOT_ACTIVE'; readonly message: string; readonly order_id?: string }
  | {
      readonly code: 'CHECKOUT_INVALID_REQUEST'
      readonly message: string
      readonly fields: { readonly field: string; readonly message: string }[]
    }
  | { readonly code: 'CHECKOUT_INVALID_DISCOUNT'; readonly message: string }
  | { readonly code: 'CHECKOUT_OUT_OF_STOCK'; readonly message: string; readonly variants: OutOfStockLine[] }
  | { readonly code: 'CHECKOUT_PAYMENT_DECLINED'; readonly message: string }
  /**
   * Nothing charged, or (with `order_id`) the gateway is still working on the payment: the order
   * stays pending and reconciliation places or cancels it; `access_token` lets the buyer follow it.
   */
  | { readonly code: 'CHECKOUT_PAYMENT_UNAVAILABLE'; readonly message: string; readonly order_id?: string; readonly access_token?: string }
  | { readonly code: 'CHECKOUT_BUSY'; readonly message: string }
  /** the live shipping price chosen has expired or no longer fits the cart: list the options again and choose */
  | {
      readonly code: 'CHECKOUT_SHIPPING_QUOTE_EXPIRED'
      readonly message: string
      readonly fields: { readonly field: string; readonly message: string }[]
    }

export type CheckoutErrorCode = CheckoutError['code']
