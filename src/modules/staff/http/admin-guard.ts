import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { bearerTokenOf, type VerifyToken } from '../../../platform/auth/bearer-auth.ts'
import { errorBody } from '../../../platform/http/error-body.ts'
import { accessFor } from '../security/admin-route-access.ts'
import { authorize } from '../security/authorize.ts'

export type AdminRoute = { readonly method: string; readonly url: string }

export type AdminGuard = {
  /** every route registered under /admin so far (the matrix test checks each has an entry) */
  readonly routes: () => readonly AdminRoute[]
}

export const isAdminUrl = (url: string): boolean => url === '/admin' || url.startsWith('/admin/')

const unauthorized = (reply: FastifyReply, hadToken: boolean) =>
  reply
    .code(401)
    .header('www-authenticate', 'Bearer')
    .send(
      errorBody('unauthorized', hadToken ? 'The token is invalid or has expired.' : 'Sign in: an Authorization: Bearer token is required.'),
    )

/** Authenticates and authorises one admin request; answers 401/403 itself, or lets it pass. */
const guard = async (verify: VerifyToken, req: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
  const access = accessFor(req.method, req.routeOptions.url ?? '')
  if (access === 'public') return true
  const token = bearerTokenOf(req)
  const principal = req.principal ?? (token ? await verify(token) : null)
  if (!principal) {
    unauthorized(reply, token !== null)
    return false
  }
  req.principal = principal
  const denied = authorize(principal, access)
  if (!denied) return true
  reply.code(denied.status).send(errorBody(denied.code, denied.message, denied.details))
  return false
}

/**
 * The one gate in front of every /admin route: a bearer credential (staff token or API key), then
 * the permission the route's entry in the matrix demands (security/admin-route-access.ts).
 * Register it before any admin route. It runs before the body is parsed, so a caller without
 * the right gets 401/403 whatever they send.
 */
export const registerAdminGuard = (app: FastifyInstance, d: { readonly verify: VerifyToken }): AdminGuard => {
  const routes: AdminRoute[] = []
  app.addHook('onRoute', (r) => {
    if (!isAdminUrl(r.url)) return
    for (const method of [r.method].flat()) routes.push({ method, url: r.url })
  })
  // callback-style: the store's requests pass without a promise
  app.addHook('preParsing', (req, reply, payload, done) => {
    if (!isAdminUrl(req.routeOptions.url ?? '')) return done(null, payload)
    guard(d.verify, req, reply).then((allowed) => {
      if (allowed) done(null, payload)
    }, done)
  })
  return { routes: () => routes }
}
