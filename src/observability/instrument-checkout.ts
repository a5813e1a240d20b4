import type { CheckoutApi } from '../modules/checkout/index.ts'
import { checkoutAttempts, checkoutFailures, ordersPlaced, orderValuePlaced, stockConflicts } from '../platform/metrics/index.ts'
import { withSpan } from '../platform/tracing/index.ts'
import type { SalesTally } from './sales-tally.ts'

/**
 * Checkout, counted: attempts, orders placed (and their value), failures by stable code, stock
 * conflicts; and a span around each placement. A thrown failure counts as code "UNEXPECTED".
 */
export const instrumentCheckout = (api: CheckoutApi, tally: SalesTally): CheckoutApi => ({
  ...api,
  soldOutAtOnce: async (cartId) => {
    const e = await api.soldOutAtOnce(cartId)
    if (e) {
      checkoutAttempts.inc()
      checkoutFailures.labels(e.code).inc()
      stockConflicts.inc()
    }
    return e
  },
  placeOrder: async (input) => {
    checkoutAttempts.inc()
    try {
      const r = await withSpan('checkout.place_order', { 'crest.cart_id': input.cartId }, () => api.placeOrder(input))
      if (r.ok) {
        const { currency, total, items } = r.value.order
        ordersPlaced.labels(currency).inc()
        orderValuePlaced.labels(currency).inc(total.amount)
        tally.record(items.map((i) => ({ variantId: i.variant_id, quantity: i.quantity })))
      } else {
        checkoutFailures.labels(r.error.code).inc()
        if (r.error.code === 'CHECKOUT_OUT_OF_STOCK') stockConflicts.inc()
      }
      return r
    } catch (e) {
      checkoutFailures.labels('UNEXPECTED').inc()
      throw e
    }
  },
})
