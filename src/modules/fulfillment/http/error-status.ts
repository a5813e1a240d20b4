import { assertNever } from '../../../platform/result.ts'
import type { FulfillmentError } from '../errors.ts'

/** The only place fulfillment error codes meet HTTP: status and public code (cart and checkout use it too). */
export const fulfillmentHttpError = (e: FulfillmentError): { status: number; code: string } => {
  switch (e.code) {
    case 'FULFILLMENT_UNKNOWN_OPTION':
      return { status: 422, code: 'unknown_shipping_option' }
    case 'FULFILLMENT_OPTION_NOT_AVAILABLE':
      return { status: 422, code: 'shipping_option_unavailable' }
    case 'FULFILLMENT_UNKNOWN_ZONE':
      return { status: 422, code: 'unknown_zone' }
    case 'FULFILLMENT_COUNTRY_TAKEN':
      return { status: 409, code: 'country_taken' }
    case 'FULFILLMENT_INVALID_INPUT':
      return { status: 422, code: 'invalid_request' }
    case 'FULFILLMENT_QUOTE_EXPIRED':
      return { status: 409, code: 'shipping_quote_expired' }
    default:
      return assertNever(e)
  }
}
