import type { FastifyReply } from 'fastify'
import { errorBody } from '../../../platform/http/error-body.ts'
import type { ProcessingError } from '../errors.ts'
import { processingHttpError } from './processing-error-status.ts'

export const sendProcessingError = (reply: FastifyReply, e: ProcessingError) => {
  const { status, code } = processingHttpError(e)
  const { code: _internal, message, ...details } = e
  return reply.code(status).send(errorBody(code, message, Object.keys(details).length ? details : undefined))
}
