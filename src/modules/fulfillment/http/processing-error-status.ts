import { assertNever } from '../../../platform/result.ts'
import type { ProcessingError } from '../errors.ts'

/** The only place order-processing error codes meet HTTP: status and public code. */
export const processingHttpError = (e: ProcessingError): { status: number; code: string } => {
  switch (e.code) {
    case 'FULFILLMENT_UNKNOWN_CARRIER':
      return { status: 404, code: 'unknown_carrier' }
    case 'FULFILLMENT_BAD_SIGNATURE':
      return { status: 401, code: 'invalid_signature' }
    case 'FULFILLMENT_UNKNOWN_SHIPMENT':
      return { status: 404, code: 'unknown_shipment' }
    case 'FULFILLMENT_ORDER_NOT_FOUND':
      return { status: 404, code: 'not_found' }
    case 'FULFILLMENT_ORDER_NOT_HELD':
      return { status: 409, code: 'order_not_held' }
    case 'FULFILLMENT_PAYMENT_FAILED':
      return { status: 502, code: 'payment_failed' }
    default:
      return assertNever(e)
  }
}
