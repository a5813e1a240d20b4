import type { FastifyReply } from 'fastify'
import { errorBody } from '../../../platform/http/error-body.ts'
import type { PromotionsError } from '../errors.ts'
import { promotionsHttpError } from './error-status.ts'

/** Sends the error shape; invalid input has the same details as a failed schema validation. */
export const sendPromotionsError = (reply: FastifyReply, e: PromotionsError) => {
  const { status, code } = promotionsHttpError(e)
  if (e.code === 'PROMOTIONS_INVALID_INPUT') {
    return reply.code(status).send(errorBody(code, e.message, { in: 'body', fields: [{ field: e.field, message: e.message }] }))
  }
  const { code: _internal, message, ...details } = e
  return reply.code(status).send(errorBody(code, message, Object.keys(details).length ? details : undefined))
}
