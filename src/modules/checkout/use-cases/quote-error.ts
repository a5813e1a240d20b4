import type { CartError } from '../../cart/index.ts'
import type { CheckoutError } from '../errors.ts'

/** What a failed cart quote means for the shopper at checkout. */
export const quoteError = (e: CartError): CheckoutError => {
  switch (e.code) {
    case 'CART_NOT_FOUND':
      return { code: 'CHECKOUT_CART_NOT_FOUND', message: e.message }
    case 'CART_NOT_ACTIVE':
      return { code: 'CHECKOUT_CART_NOT_ACTIVE', message: 'This cart has already been checked out.' }
    case 'CART_INVALID_DISCOUNT':
      return { code: 'CHECKOUT_INVALID_DISCOUNT', message: e.message }
    case 'CART_INVALID_SHIPPING_OPTION':
      return { code: 'CHECKOUT_INVALID_REQUEST', message: e.message, fields: [{ field: 'shipping_option_id', message: e.message }] }
    case 'CART_SHIPPING_QUOTE_EXPIRED':
      return { code: 'CHECKOUT_SHIPPING_QUOTE_EXPIRED', message: e.message, fields: [{ field: 'shipping_option_id', message: e.message }] }
    case 'CART_EMPTY':
      return { code: 'CHECKOUT_INVALID_REQUEST', message: e.message, fields: [{ field: 'cart', message: e.message }] }
    default:
      return { code: 'CHECKOUT_INVALID_REQUEST', message: e.message, fields: [{ field: 'items', message: e.message }] }
  }
}
