import type { FastifyReply } from 'fastify'
import { errorBody } from '../../../platform/http/error-body.ts'
import type { OrdersError } from '../errors.ts'
import { httpErrorOf } from './error-status.ts'

export const sendOrdersError = (reply: FastifyReply, e: OrdersError) => {
  const { status, code } = httpErrorOf(e)
  const { code: _internal, message, ...details } = e
  return reply.code(status).send(errorBody(code, message, Object.keys(details).length ? details : undefined))
}
