export type CartError =
  | { readonly code: 'CART_NOT_FOUND'; readonly message: string }
  | { readonly code: 'CART_ITEM_NOT_FOUND'; readonly message: string }
  | { readonly code: 'CART_NOT_ACTIVE'; readonly message: string; readonly status: string }
  | { readonly code: 'CART_UNKNOWN_VARIANT'; readonly message: string; readonly variant_id: string }
  | { readonly code: 'CART_NOT_PURCHASABLE'; readonly message: string; readonly variant_id: string }
  | { readonly code: 'CART_INSUFFICIENT_STOCK'; readonly message: string; readonly variant_id: string; readonly available: number }
  | { readonly code: 'CART_QUANTITY_LIMIT'; readonly message: string; readonly limit: number }
  | { readonly code: 'CART_UNSUPPORTED_CURRENCY'; readonly message: string }
  | { readonly code: 'CART_EMPTY'; readonly message: string }
  | { readonly code: 'CART_INVALID_DISCOUNT'; readonly message: string; readonly reason: string }
  | { readonly code: 'CART_INVALID_SHIPPING_OPTION'; readonly message: string }
  /** the live shipping price shown has expired (or the cart changed since): list the options again */
  | { readonly code: 'CART_SHIPPING_QUOTE_EXPIRED'; readonly message: string }

export type CartErrorCode = CartError['code']
