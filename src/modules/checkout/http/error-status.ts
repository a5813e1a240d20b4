import type { FastifyReply } from 'fastify'
import { errorBody } from '../../../platform/http/error-body.ts'
import { assertNever } from '../../../platform/result.ts'
import type { CheckoutError } from '../errors.ts'

type AnyCheckoutError = CheckoutError | { readonly code: 'CHECKOUT_CANNOT_CANCEL'; readonly message: string }

const statusOf = (e: AnyCheckoutError): [number, string] => {
  switch (e.code) {
    case 'CHECKOUT_CART_NOT_FOUND':
      return [404, 'not_found']
    case 'CHECKOUT_CART_NOT_ACTIVE':
      return [409, 'cart_not_active']
    case 'CHECKOUT_INVALID_REQUEST':
      return [422, 'invalid_request']
    case 'CHECKOUT_INVALID_DISCOUNT':
      return [422, 'invalid_discount']
    case 'CHECKOUT_OUT_OF_STOCK':
      return [409, 'out_of_stock']
    case 'CHECKOUT_PAYMENT_DECLINED':
      return [402, 'payment_declined']
    case 'CHECKOUT_PAYMENT_UNAVAILABLE':
      return [503, 'payment_unavailable']
    case 'CHECKOUT_BUSY':
      return [503, 'overloaded']
    case 'CHECKOUT_SHIPPING_QUOTE_EXPIRED':
      return [409, 'shipping_quote_expired']
    case 'CHECKOUT_CANNOT_CANCEL':
      return [409, 'cannot_cancel']
    default:
      return assertNever(e)
  }
}

export const sendCheckoutError = (reply: FastifyReply, e: AnyCheckoutError) => {
  const [status, code] = statusOf(e)
  if (status === 503) reply.header('retry-after', e.code === 'CHECKOUT_BUSY' ? '1' : '5')
  const { code: _internal, message, ...details } = e
  return reply.code(status).send(errorBody(code, message, Object.keys(details).length ? details : undefined))
}
