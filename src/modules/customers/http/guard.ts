import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorBody } from '../../../platform/http/error-body.ts'
import type { ActiveSession, CustomersApi } from '../contract.ts'
import { csrfMatches, sameOrigin, sessionOf } from './session-cookie.ts'

export const CSRF_HEADER = 'x-csrf-token'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** 403 for a change sent from another site (Origin or Sec-Fetch-Site), before any work. */
export const refuseCrossSite =
  (publicOrigin: string | undefined) =>
  async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (!UNSAFE.has(req.method) || sameOrigin(req, publicOrigin)) return undefined
    return reply.code(403).send(errorBody('csrf_failed', 'This request came from another site.'))
  }

/**
 * The signed-in customer, or a 401 already sent. Changes (unsafe methods) must also carry the
 * session's CSRF token in `X-CSRF-Token` (403 `csrf_failed` otherwise).
 */
export const requireCustomer = async (customers: CustomersApi, req: FastifyRequest, reply: FastifyReply): Promise<ActiveSession | null> => {
  reply.header('cache-control', 'private, no-store')
  const session = await sessionOf(customers, req)
  if (!session) {
    await reply.code(401).send(errorBody('unauthorized', 'Sign in first.'))
    return null
  }
  if (UNSAFE.has(req.method) && !csrfMatches(req.headers[CSRF_HEADER], session.csrfToken)) {
    await reply.code(403).send(errorBody('csrf_failed', `Send the csrf_token of your session in the ${CSRF_HEADER} header.`))
    return null
  }
  return session
}
