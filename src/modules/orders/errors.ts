export type OrdersError =
  | { readonly code: 'ORDERS_NOT_FOUND'; readonly message: string }
  | {
      readonly code: 'ORDERS_INVALID_TRANSITION'
      readonly message: string
      readonly field: string
      readonly from: string
      readonly to: string
    }
  | { readonly code: 'ORDERS_INVALID_CURSOR'; readonly message: string }
  | { readonly code: 'ORDERS_OPEN_FOR_ERASURE'; readonly message: string; readonly orderIds: readonly string[] }

export type OrdersErrorCode = OrdersError['code']

/**
 * Unexpected failures, thrown as AppError (never returned):
 * - ORDERS_CART_ALREADY_ORDERED: createOrder for a cart that already has an order (a unique
 *   violation, which aborts the caller's transaction; look first with getOrderByCart)
 * - ORDERS_WRITE_FAILED, ORDERS_READ_FAILED: the database answered something impossible
 */
export type OrdersFailureCode = 'ORDERS_CART_ALREADY_ORDERED' | 'ORDERS_WRITE_FAILED' | 'ORDERS_READ_FAILED'
