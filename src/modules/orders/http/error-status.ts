import { assertNever } from '../../../platform/result.ts'
import type { OrdersError } from '../errors.ts'

/** The only place orders error codes meet HTTP: status and public code. */
export const httpErrorOf = (e: OrdersError): { readonly status: number; readonly code: string } => {
  switch (e.code) {
    case 'ORDERS_NOT_FOUND':
      return { status: 404, code: 'not_found' }
    case 'ORDERS_INVALID_CURSOR':
      return { status: 400, code: 'invalid_cursor' }
    case 'ORDERS_INVALID_TRANSITION':
      return { status: 409, code: 'invalid_transition' }
    case 'ORDERS_OPEN_FOR_ERASURE':
      return { status: 409, code: 'orders_open' }
    default:
      return assertNever(e)
  }
}
