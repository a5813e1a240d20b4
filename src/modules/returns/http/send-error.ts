import type { FastifyReply } from 'fastify'
import { errorBody } from '../../../platform/http/error-body.ts'
import type { ReturnsError } from '../errors.ts'
import { httpErrorOf } from './error-status.ts'

export const sendReturnsError = (reply: FastifyReply, e: ReturnsError) => {
  const { status, code } = httpErrorOf(e)
  const { code: _internal, message, ...details } = e
  if (status === 503) reply.header('retry-after', '5')
  return reply.code(status).send(errorBody(code, message, Object.keys(details).length ? details : undefined))
}
