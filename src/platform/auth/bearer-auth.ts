import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorBody } from '../http/error-body.ts'

/**
 * Who a bearer credential belongs to: a signed-in staff user or an integration's API key. Staff
 * permissions follow from the role; `scope: 'mfa_enrolment'` limits a token to setting up MFA.
 */
export type Principal =
  | {
      readonly kind: 'staff'
      readonly id: string
      readonly role: string
      readonly email: string
      readonly permissions?: readonly string[]
      readonly scope?: 'full' | 'mfa_enrolment'
    }
  | { readonly kind: 'api_key'; readonly id: string; readonly name: string; readonly permissions: readonly string[] }

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal
  }
}

export type VerifyToken = (token: string) => Promise<Principal | null>

export const bearerTokenOf = (req: FastifyRequest): string | null => {
  const h = req.headers.authorization
  if (!h) return null
  const m = /^Bearer\s+(\S+)$/i.exec(h)
  return m?.[1] ?? null
}

/** A preHandler that admits only requests with a valid bearer token. */
export const requireBearer =
  (verify: VerifyToken) =>
  async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (req.principal) return // already authenticated by an earlier hook (the admin guard)
    const token = bearerTokenOf(req)
    const principal = token ? await verify(token) : null
    if (!principal) {
      reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send(
          errorBody(
            'unauthorized',
            token ? 'The token is invalid or has expired.' : 'Sign in: an Authorization: Bearer token is required.',
          ),
        )
      return reply
    }
    req.principal = principal
  }
