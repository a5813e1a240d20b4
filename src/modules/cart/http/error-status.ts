import type { FastifyReply } from 'fastify'
import { errorBody } from '../../../platform/http/error-body.ts'
import { assertNever } from '../../../platform/result.ts'
import type { CartError } from '../errors.ts'

export const httpErrorOf = (e: CartError): [number, string] => {
  switch (e.code) {
    case 'CART_NOT_FOUND':
    case 'CART_ITEM_NOT_FOUND':
    case 'CART_UNKNOWN_VARIANT':
      return [404, 'not_found']
    case 'CART_NOT_ACTIVE':
      return [409, 'cart_not_active']
    case 'CART_NOT_PURCHASABLE':
      return [409, 'not_purchasable']
    case 'CART_INSUFFICIENT_STOCK':
      return [409, 'insufficient_stock']
    case 'CART_QUANTITY_LIMIT':
      return [422, 'quantity_limit']
    case 'CART_UNSUPPORTED_CURRENCY':
      return [422, 'invalid_request']
    case 'CART_EMPTY':
      return [422, 'cart_empty']
    case 'CART_INVALID_DISCOUNT':
      return [422, 'invalid_discount']
    case 'CART_INVALID_SHIPPING_OPTION':
      return [422, 'invalid_request']
    case 'CART_SHIPPING_QUOTE_EXPIRED':
      return [409, 'shipping_quote_expired']
    default:
      return assertNever(e)
  }
}

export const sendCartError = (reply: FastifyReply, e: CartError) => {
  const [status, code] = httpErrorOf(e)
  const { code: _internal, message, ...details } = e
  const fields = e.code === 'CART_INVALID_SHIPPING_OPTION' ? { fields: [{ field: 'shipping_option_id', message }] } : {}
  return reply
    .code(status)
    .send(errorBody(code, message, Object.keys(details).length || fields.fields ? { ...details, ...fields } : undefined))
}
