import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { AppError } from '../app-error.ts'
import { isDatabaseBusy } from '../db/database-busy.ts'
import { isDatabaseDown } from '../db/database-down.ts'
import { errorBody } from './error-body.ts'

const CLIENT_ERROR_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_request'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_request'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_request'],
}

/** What was wrong with a body that could not be read (details of the 4xx, docs/security.md). */
const BODY_REASONS: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_content_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'content_length_mismatch',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
}

type Issue = { instancePath?: string; message?: string; params?: { issue?: { path?: unknown[] } } }

const fieldsOf = (issues: readonly Issue[]) =>
  issues.map((i) => ({
    field: (i.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.') || undefined,
    message: i.message ?? 'invalid',
  }))

/** Maps every failure to the error shape; bad input is a 4xx with a stable code, never a 500. */
export const handleErrors = (app: FastifyInstance): void => {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body'
      const status = where === 'body' ? 422 : 400
      const fields = fieldsOf(error.validation as Issue[])
      return reply.code(status).send(
        errorBody('invalid_request', `Invalid ${where}: ${fields.map((f) => `${f.field ?? where} ${f.message}`).join('; ')}`, {
          in: where,
          fields,
        }),
      )
    }
    const mapped = CLIENT_ERROR_CODES[error.code]
    if (mapped) return reply.code(mapped[0]).send(errorBody(mapped[1], error.message, { in: 'body', reason: BODY_REASONS[error.code] }))
    if (error instanceof SyntaxError || (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)) {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400
      return reply.code(status).send(errorBody(status === 429 ? 'too_many_requests' : 'bad_request', error.message))
    }
    if (isDatabaseDown(error)) {
      // the primary database is unreachable (docs/resilience.md): a stable code, and nothing was written
      req.log.warn({ err: error }, 'database unavailable')
      return reply
        .code(503)
        .header('retry-after', '5')
        .send(errorBody('database_unavailable', 'Orders cannot be taken for a moment; your cart is kept. Please try again shortly.'))
    }
    if (isDatabaseBusy(error)) {
      req.log.warn({ err: error }, 'database busy')
      return reply
        .code(503)
        .header('retry-after', '1')
        .send(errorBody('unavailable', 'The store is very busy right now; please try again in a moment.'))
    }
    const code = error instanceof AppError ? error.code : 'internal_error'
    req.log.error({ err: error, code }, 'request failed')
    const status = error.statusCode && error.statusCode >= 500 ? error.statusCode : 500
    return reply
      .code(status)
      .send(errorBody(code === 'internal_error' ? code : 'service_unavailable', 'Something went wrong on our side; please try again.'))
  })
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send(errorBody('not_found', `No route for ${req.method} ${req.url.split('?')[0]}`)),
  )
}
