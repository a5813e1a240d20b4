import type { FastifyReply } from 'fastify'
import { errorBody } from '../../../platform/http/error-body.ts'
import { assertNever } from '../../../platform/result.ts'
import type { PaymentsError } from '../errors.ts'

/** The only place payments error codes meet HTTP: status and public code. */
export const httpErrorOf = (e: PaymentsError): { status: number; code: string } => {
  switch (e.code) {
    case 'PAYMENTS_DECLINED':
      return { status: 402, code: 'payment_declined' }
    case 'PAYMENTS_UNAVAILABLE':
      return { status: 503, code: 'payment_unavailable' }
    case 'PAYMENTS_UNKNOWN_PROVIDER':
      return { status: 422, code: 'unknown_payment_provider' }
    case 'PAYMENTS_NOT_FOUND':
      return { status: 404, code: 'not_found' }
    case 'PAYMENTS_INVALID_STATE':
      return { status: 409, code: 'invalid_payment_state' }
    case 'PAYMENTS_AMOUNT_EXCEEDED':
      return { status: 422, code: 'amount_exceeded' }
    case 'PAYMENTS_INVALID_AMOUNT':
      return { status: 422, code: 'invalid_amount' }
    case 'PAYMENTS_IN_PROGRESS':
      return { status: 409, code: 'payment_in_progress' }
    case 'PAYMENTS_GATEWAY_REJECTED':
      return { status: 502, code: 'gateway_rejected' }
    default:
      return assertNever(e)
  }
}

export const sendPaymentsError = (reply: FastifyReply, e: PaymentsError) => {
  const { status, code } = httpErrorOf(e)
  const { code: _internal, message, ...details } = e
  return reply.code(status).send(errorBody(code, message, Object.keys(details).length ? details : undefined))
}
