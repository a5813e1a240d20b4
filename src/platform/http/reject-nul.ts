import type { FastifyInstance } from 'fastify'
import { errorBody } from './error-body.ts'

const NUL = String.fromCharCode(0)

const hasNul = (v: unknown, depth = 0): boolean => {
  if (typeof v === 'string') return v.includes(NUL)
  if (depth > 32 || v === null || typeof v !== 'object') return false
  for (const [k, x] of Object.entries(v)) if (k.includes(NUL) || hasNul(x, depth + 1)) return true
  return false
}

/**
 * PostgreSQL text cannot hold a NUL character; refuse it at the edge with a 400 rather than
 * letting it reach the database as a 500.
 */
export const rejectNul = (app: FastifyInstance): void => {
  app.addHook('onRequest', (req, reply, done) => {
    if (req.url.includes(NUL) || /%00/i.test(req.url))
      reply.code(400).send(errorBody('invalid_request', 'The request contains a NUL character.'))
    else done()
  })
  app.addHook('preValidation', (req, reply, done) => {
    if (req.body !== undefined && hasNul(req.body))
      reply.code(400).send(errorBody('invalid_request', 'The request body contains a NUL character.'))
    else done()
  })
}
