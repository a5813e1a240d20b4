import type { FastifyReply, FastifyRequest } from 'fastify'

/** The shopper's cart id. */
export const CART_COOKIE = 'crest_cart'
/** Set for a few minutes after checkout so the order page can greet the shopper once. */
export const PLACED_COOKIE = 'crest_placed'

const NAME = /^[A-Za-z0-9_-]+$/

/** The Cookie header as a map; malformed pairs are skipped, the first of a repeated name wins. */
export const parseCookies = (header: string | undefined): Map<string, string> => {
  const out = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq < 1) continue
    const name = part.slice(0, eq).trim()
    if (!NAME.test(name) || out.has(name)) continue
    let value = part.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1)
    try {
      out.set(name, decodeURIComponent(value))
    } catch {
      // not percent-encoded properly: ignore the pair
    }
  }
  return out
}

/** A cookie value we set ourselves: ids and tokens only, so anything else is treated as absent. */
export const readCookie = (req: FastifyRequest, name: string): string | undefined => {
  const v = parseCookies(req.headers.cookie).get(name)
  return v && v.length <= 128 && NAME.test(v) ? v : undefined
}

export type CookieOptions = { readonly secure: boolean; readonly path?: string; readonly maxAgeSeconds?: number }

/** One Set-Cookie value: HttpOnly and SameSite=Lax always, Secure outside development and test. */
export const serializeCookie = (name: string, value: string, o: CookieOptions): string =>
  [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${o.path ?? '/'}`,
    ...(o.maxAgeSeconds === undefined ? [] : [`Max-Age=${o.maxAgeSeconds}`]),
    'HttpOnly',
    'SameSite=Lax',
    ...(o.secure ? ['Secure'] : []),
  ].join('; ')

/** Appends a Set-Cookie header (keeps any already set on the reply). */
export const setCookie = (reply: FastifyReply, cookie: string): void => {
  const prev = reply.getHeader('set-cookie')
  const list = prev === undefined ? [] : Array.isArray(prev) ? prev.map(String) : [String(prev)]
  reply.header('set-cookie', [...list, cookie])
}

export const clearCookie = (reply: FastifyReply, name: string, o: CookieOptions): void =>
  setCookie(reply, serializeCookie(name, '', { ...o, maxAgeSeconds: 0 }))
