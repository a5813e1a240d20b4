import type { FastifyReply } from 'fastify'
import { errorBody } from '../../../platform/http/error-body.ts'
import { assertNever } from '../../../platform/result.ts'
import type { CustomersError } from '../errors.ts'

/** The only place customers error codes meet HTTP: status and public code (API.md's where fixed). */
export const httpErrorOf = (e: CustomersError): { readonly status: number; readonly code: string } => {
  switch (e.code) {
    case 'CUSTOMERS_EMAIL_TAKEN':
      return { status: 409, code: 'email_taken' }
    case 'CUSTOMERS_WEAK_PASSWORD':
      return { status: 422, code: 'weak_password' }
    case 'CUSTOMERS_INVALID_CREDENTIALS':
      return { status: 401, code: 'invalid_credentials' }
    case 'CUSTOMERS_TOO_MANY_ATTEMPTS':
      return { status: 429, code: 'too_many_attempts' }
    case 'CUSTOMERS_INVALID_TOKEN':
      return { status: 400, code: 'invalid_token' }
    case 'CUSTOMERS_NOT_FOUND':
      return { status: 404, code: 'not_found' }
    case 'CUSTOMERS_ALREADY_VERIFIED':
      return { status: 409, code: 'already_verified' }
    case 'CUSTOMERS_INVALID_INPUT':
      return { status: 422, code: 'invalid_request' }
    case 'CUSTOMERS_ORDERS_OPEN':
      return { status: 409, code: 'orders_open' }
    default:
      return assertNever(e)
  }
}

export const sendCustomersError = (reply: FastifyReply, e: CustomersError) => {
  const { status, code } = httpErrorOf(e)
  if (e.code === 'CUSTOMERS_TOO_MANY_ATTEMPTS') reply.header('retry-after', String(e.retryAfterSeconds))
  const { code: _internal, message, ...details } = e
  return reply.code(status).send(errorBody(code, message, Object.keys(details).length ? details : undefined))
}
