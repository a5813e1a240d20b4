import { timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ActiveSession, CustomersApi } from '../contract.ts'

/** The customer's session cookie: an opaque token; only its hash is stored server-side. */
export const SESSION_COOKIE = 'crest_session'

const COOKIE_VALUE = /^[A-Za-z0-9_-]{1,128}$/

/** The session cookie's value, if it has the shape of one we issue (first of a repeated name wins). */
export const readSessionCookie = (req: FastifyRequest): string | undefined => {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq < 1 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue
    const value = part.slice(eq + 1).trim()
    return COOKIE_VALUE.test(value) ? value : undefined
  }
  return undefined
}

export type CookiePolicy = {
  /** always Secure in production; otherwise Secure when the request came over https */
  readonly secureAlways: boolean
}

const secureFor = (req: FastifyRequest, p: CookiePolicy) => p.secureAlways || req.protocol === 'https'

const appendCookie = (reply: FastifyReply, cookie: string) => {
  const prev = reply.getHeader('set-cookie')
  const list = prev === undefined ? [] : Array.isArray(prev) ? prev.map(String) : [String(prev)]
  reply.header('set-cookie', [...list, cookie])
}

const serialize = (value: string, maxAgeSeconds: number, secure: boolean) =>
  [`${SESSION_COOKIE}=${value}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ')

/** HttpOnly, SameSite=Lax, Secure in production or over https, lasting as long as the session. */
export const setSessionCookie = (req: FastifyRequest, reply: FastifyReply, p: CookiePolicy, token: string, expiresAt: Date): void =>
  appendCookie(reply, serialize(token, Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)), secureFor(req, p)))

export const clearSessionCookie = (req: FastifyRequest, reply: FastifyReply, p: CookiePolicy): void =>
  appendCookie(reply, serialize('', 0, secureFor(req, p)))

const resolved = new WeakMap<FastifyRequest, Promise<ActiveSession | null>>()

/** The request's session (looked up once per request, only when asked for). */
export const sessionOf = (customers: Pick<CustomersApi, 'getSession'>, req: FastifyRequest): Promise<ActiveSession | null> => {
  let found = resolved.get(req)
  if (!found) {
    const token = readSessionCookie(req)
    found = token ? customers.getSession(token) : Promise.resolve(null)
    resolved.set(req, found)
  }
  return found
}

/** Constant-time comparison of a presented CSRF token with the session's. */
export const csrfMatches = (presented: unknown, expected: string): boolean => {
  if (typeof presented !== 'string' || presented.length !== expected.length) return false
  return timingSafeEqual(Buffer.from(presented), Buffer.from(expected))
}

/**
 * The request did not come from another site: no Origin (non-browser clients; browsers send one
 * on every POST) or an Origin naming this host, and no `Sec-Fetch-Site: cross-site`.
 */
export const sameOrigin = (req: FastifyRequest, publicOrigin?: string): boolean => {
  if (req.headers['sec-fetch-site'] === 'cross-site') return false
  const from = req.headers.origin
  if (from === undefined) return true
  let host: string
  try {
    host = new URL(from).host
  } catch {
    return false
  }
  if (host === '') return false
  let own = ''
  try {
    own = new URL(`${req.protocol}://${req.host}`).host // default ports dropped, as in Origin
  } catch {
    // a Host header that is no host: only PUBLIC_URL can match
  }
  if (host === own) return true
  return publicOrigin !== undefined && host === new URL(publicOrigin).host
}
