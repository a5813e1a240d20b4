/** The complete catalogue of expected returns failures (STYLE.md §6); HTTP statuses live in http/error-status.ts. */
export type ReturnsError =
  | { readonly code: 'RETURNS_NOT_FOUND'; readonly message: string }
  | { readonly code: 'RETURNS_ORDER_NOT_FOUND'; readonly message: string }
  /** canceled, or not shipped yet (cancel it instead) */
  | {
      readonly code: 'RETURNS_ORDER_NOT_RETURNABLE'
      readonly message: string
      readonly order_status: string
      readonly fulfillment_status: string
    }
  | { readonly code: 'RETURNS_WINDOW_CLOSED'; readonly message: string; readonly closed_at: string }
  | { readonly code: 'RETURNS_ITEM_NOT_RETURNABLE'; readonly message: string; readonly item_id: string; readonly category_id: string }
  | { readonly code: 'RETURNS_UNKNOWN_ITEM'; readonly message: string; readonly item_id: string }
  | { readonly code: 'RETURNS_DUPLICATE_ITEM'; readonly message: string; readonly item_id: string }
  | { readonly code: 'RETURNS_QUANTITY_EXCEEDED'; readonly message: string; readonly item_id: string; readonly returnable: number }
  | { readonly code: 'RETURNS_EXCHANGE_UNAVAILABLE'; readonly message: string; readonly item_id: string; readonly variant_id: string }
  | { readonly code: 'RETURNS_EXCHANGE_PRICE_DIFFERS'; readonly message: string; readonly item_id: string; readonly variant_id: string }
  | { readonly code: 'RETURNS_INVALID_STATE'; readonly message: string; readonly status: string }
  | { readonly code: 'RETURNS_INSUFFICIENT_STOCK'; readonly message: string; readonly variant_ids: string[] }
  | { readonly code: 'RETURNS_UNKNOWN_LOCATION'; readonly message: string; readonly location_id: string }
  | { readonly code: 'RETURNS_INVALID_RECEIPT'; readonly message: string }
  | { readonly code: 'RETURNS_NO_SHIPMENT'; readonly message: string }
  | { readonly code: 'RETURNS_CARRIER_FAILED'; readonly message: string }
  | { readonly code: 'RETURNS_PAYMENT_NOT_REFUNDABLE'; readonly message: string }
  | { readonly code: 'RETURNS_REFUND_FAILED'; readonly message: string }
  | { readonly code: 'RETURNS_INVALID_CURSOR'; readonly message: string }

export type ReturnsErrorCode = ReturnsError['code']

/**
 * Unexpected failures, thrown as AppError: RETURNS_WRITE_FAILED (a row vanished inside its own
 * transaction), RETURNS_ORDER_WRITE_FAILED (the orders module refused a history row or transition).
 */
export type ReturnsFailureCode = 'RETURNS_WRITE_FAILED' | 'RETURNS_ORDER_WRITE_FAILED'
