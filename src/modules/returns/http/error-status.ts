import { assertNever } from '../../../platform/result.ts'
import type { ReturnsError } from '../errors.ts'

/** The only place returns error codes meet HTTP: status and public code. */
export const httpErrorOf = (e: ReturnsError): { readonly status: number; readonly code: string } => {
  switch (e.code) {
    case 'RETURNS_NOT_FOUND':
    case 'RETURNS_ORDER_NOT_FOUND':
      return { status: 404, code: 'not_found' }
    case 'RETURNS_ORDER_NOT_RETURNABLE':
      return { status: 422, code: 'order_not_returnable' }
    case 'RETURNS_WINDOW_CLOSED':
      return { status: 422, code: 'return_window_closed' }
    case 'RETURNS_ITEM_NOT_RETURNABLE':
      return { status: 422, code: 'item_not_returnable' }
    case 'RETURNS_UNKNOWN_ITEM':
      return { status: 422, code: 'unknown_item' }
    case 'RETURNS_DUPLICATE_ITEM':
      return { status: 422, code: 'duplicate_item' }
    case 'RETURNS_QUANTITY_EXCEEDED':
      return { status: 422, code: 'return_quantity_exceeded' }
    case 'RETURNS_EXCHANGE_UNAVAILABLE':
      return { status: 422, code: 'exchange_unavailable' }
    case 'RETURNS_EXCHANGE_PRICE_DIFFERS':
      return { status: 422, code: 'exchange_price_differs' }
    case 'RETURNS_UNKNOWN_LOCATION':
      return { status: 422, code: 'unknown_location' }
    case 'RETURNS_INVALID_RECEIPT':
      return { status: 422, code: 'invalid_receipt' }
    case 'RETURNS_INVALID_STATE':
      return { status: 409, code: 'invalid_state' }
    case 'RETURNS_INSUFFICIENT_STOCK':
      return { status: 409, code: 'out_of_stock' }
    case 'RETURNS_NO_SHIPMENT':
      return { status: 409, code: 'no_shipment' }
    case 'RETURNS_PAYMENT_NOT_REFUNDABLE':
      return { status: 409, code: 'payment_not_refundable' }
    case 'RETURNS_CARRIER_FAILED':
      return { status: 503, code: 'carrier_unavailable' }
    case 'RETURNS_REFUND_FAILED':
      return { status: 503, code: 'refund_failed' }
    case 'RETURNS_INVALID_CURSOR':
      return { status: 400, code: 'invalid_cursor' }
    default:
      return assertNever(e)
  }
}
