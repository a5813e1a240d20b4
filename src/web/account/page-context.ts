import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  type ActiveSession,
  type CookiePolicy,
  type CustomersApi,
  csrfMatches,
  sameOrigin,
  sessionOf,
} from '../../modules/customers/index.ts'
import type { PageKit } from '../storefront/page-kit.ts'

export type AccountPagesDeps = {
  readonly customers: CustomersApi
  readonly cookies: CookiePolicy
}

export type Ctx = AccountPagesDeps & { readonly kit: PageKit; readonly publicOrigin?: string }

type Form = Readonly<Record<string, unknown>>

/** A form field as trimmed text ('' when absent, repeated or too long). */
export const field = (body: unknown, name: string, max = 200): string => {
  const v = body && typeof body === 'object' ? (body as Form)[name] : undefined
  return typeof v === 'string' && v.length <= max * 4 ? v.trim().slice(0, max) : ''
}

/** A password as typed (not trimmed). */
export const secretField = (body: unknown, name: string, max = 1024): string => {
  const v = body && typeof body === 'object' ? (body as Form)[name] : undefined
  return typeof v === 'string' && v.length <= max ? v : ''
}

export const see = (reply: FastifyReply, to: string) => reply.code(303).header('cache-control', 'private, no-store').redirect(to)

/** 403 page for a form posted from another site. */
export const refuseForeign = async (c: Ctx, req: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
  if (sameOrigin(req, c.publicOrigin)) return false
  await c.kit.sendError(req, reply, { status: 403, heading: 'Request refused', detail: 'That form was sent from another site.' })
  return true
}

/**
 * The signed-in customer for a form post: same site and the session's token in `_csrf`; otherwise
 * a 403 page (or, without a session, the way to the sign-in page) has been sent and null returned.
 */
export const formSession = async (c: Ctx, req: FastifyRequest, reply: FastifyReply): Promise<ActiveSession | null> => {
  if (await refuseForeign(c, req, reply)) return null
  const s = await sessionOf(c.customers, req)
  if (!s) {
    await see(reply, '/account/sign-in')
    return null
  }
  if (!csrfMatches(field(req.body, '_csrf', 100), s.csrfToken)) {
    await c.kit.sendError(req, reply, {
      status: 403,
      heading: 'Request refused',
      detail: 'This form has expired; reload the page and try again.',
    })
    return null
  }
  return s
}
