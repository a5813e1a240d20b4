import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { LRUCache } from 'lru-cache'
import { bearerTokenOf } from '../auth/bearer-auth.ts'
import { errorBody } from '../http/error-body.ts'
import type { WaitingRoom } from './create-waiting-room.ts'
import { QUEUE_PAGE_CSP, queuePage } from './queue-page.ts'
import { scopeOf } from './request-scope.ts'

/** the ticket (a place in line) and the pass (access until it expires) */
export const TICKET_COOKIE = 'crest_queue'
export const PASS_COOKIE = 'crest_pass'
/** apps send a ticket or a pass here; the answer names the ticket in `x-queue-token`, a new pass in `x-queue-pass` */
export const QUEUE_TOKEN_HEADER = 'x-queue-token'
export const QUEUE_PASS_HEADER = 'x-queue-pass'

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const COOKIE_VALUE = /^[A-Za-z0-9._-]{1,200}$/

export type WaitingRoomHttpDeps = {
  readonly room: WaitingRoom
  readonly apiScope: 'checkout' | 'store'
  readonly storeName: string
  readonly secureCookies: boolean
  /** true for a staff token or an API key: they never queue (answers are remembered for a minute) */
  readonly bypass: (bearerToken: string) => Promise<boolean>
}

const cookiesOf = (header: string | undefined): Map<string, string> => {
  const out = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq < 1) continue
    const name = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if ((name === TICKET_COOKIE || name === PASS_COOKIE) && !out.has(name) && COOKIE_VALUE.test(value)) out.set(name, value)
  }
  return out
}

const cookie = (name: string, value: string, maxAgeSeconds: number, secure: boolean) =>
  [`${name}=${value}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ')

const addCookie = (reply: FastifyReply, value: string) => {
  const prev = reply.getHeader('set-cookie')
  const list = prev === undefined ? [] : Array.isArray(prev) ? prev.map(String) : [String(prev)]
  reply.header('set-cookie', [...list, value])
}

/** a ticket's id, which its pass keeps: the same shopper before and after admission */
const idOf = (token: string): string => {
  const parts = token.split('.')
  return (token.startsWith('q1.') ? parts[3] : parts[1]) ?? token
}

/** One shopper, counted for activation: their cart, ticket or pass cookie, else address and browser (hashed, never stored as is). */
const sessionKeyOf = (req: FastifyRequest, tokens: readonly (string | undefined)[]): string => {
  const cart = /(?:^|;\s*)crest_cart=([A-Za-z0-9_-]{1,128})/.exec(req.headers.cookie ?? '')?.[1]
  const token = tokens.find((t) => t !== undefined)
  const basis = cart ?? (token && idOf(token)) ?? `${req.ip}|${req.headers['user-agent'] ?? ''}`
  return createHash('sha1').update(basis).digest('base64url').slice(0, 16)
}

/** where the queue page sends the shopper back to: the page itself for a GET, the home page otherwise */
const nextOf = (req: FastifyRequest): string =>
  (req.method === 'GET' || req.method === 'HEAD') && req.url.startsWith('/') && !req.url.startsWith('//') ? req.url : '/'

/**
 * Puts the waiting room in front of every shopper request (see request-scope.ts for what is never
 * queued). A request is never held: it is let in, or answered at once with its place in line
 * (the queue page, 503, or 429 `queued` for the API), both with Retry-After.
 */
export const registerWaitingRoom = (app: FastifyInstance, d: WaitingRoomHttpDeps): void => {
  const { room } = d
  const bypassed = new LRUCache<string, boolean>({ max: 10_000, ttl: 60_000 })
  const isBypassed = async (token: string) => {
    const known = bypassed.get(token)
    if (known !== undefined) return known
    const yes = await d.bypass(token).catch(() => false)
    bypassed.set(token, yes)
    return yes
  }
  const handedOut = new WeakSet<FastifyRequest>()
  const givePass = (req: FastifyRequest, reply: FastifyReply, p: { pass: string }) => {
    addCookie(reply, cookie(PASS_COOKIE, p.pass, room.passSeconds, d.secureCookies))
    reply.header(QUEUE_PASS_HEADER, p.pass)
    handedOut.add(req)
  }
  // an answer carrying someone's pass must never be kept by a shared cache (CDN) and handed to others,
  // whatever caching the route itself asked for
  app.addHook('onSend', (req, reply, payload, done) => {
    if (handedOut.has(req)) reply.header('cache-control', 'private, no-store')
    done(null, payload)
  })

  type Tokens = { readonly header?: string; readonly passCookie?: string; readonly ticketCookie?: string }
  // callback-style: only a request that must take its place in line waits for Redis
  app.addHook('onRequest', (req, reply, done) => {
    const scope = scopeOf(req.method, req.url, d.apiScope)
    if (scope === 'exempt') return done()
    const cookies = cookiesOf(req.headers.cookie)
    const given = req.headers[QUEUE_TOKEN_HEADER]
    const header = typeof given === 'string' && COOKIE_VALUE.test(given) ? given : undefined
    const passCookie = cookies.get(PASS_COOKIE)
    const ticketCookie = cookies.get(TICKET_COOKIE)
    room.recordShopper(sessionKeyOf(req, [passCookie, ticketCookie, header]))

    if (!room.isActive()) {
      // shoppers already at work (adding to a cart, checking out) keep going if the room turns on
      if (MUTATING.has(req.method) && !room.validPass(header) && !room.validPass(passCookie, (room.passSeconds * 1000) / 2))
        givePass(req, reply, room.issuePass())
      return done()
    }
    takePlace(req, reply, scope, { header, passCookie, ticketCookie }).then(() => done(), done)
  })

  const takePlace = async (req: FastifyRequest, reply: FastifyReply, scope: 'page' | 'api', t: Tokens) => {
    const { header, passCookie, ticketCookie } = t
    const bearer = bearerTokenOf(req)
    if (bearer && (await isBypassed(bearer))) return

    let entry: Awaited<ReturnType<WaitingRoom['enter']>>
    try {
      entry = await room.enter([header, passCookie, ticketCookie].filter((t): t is string => t !== undefined))
    } catch (err) {
      // the line is unreachable (Redis down): let the shopper in; load shedding still guards the store
      req.log.warn({ err }, 'waiting room unavailable; letting the request in')
      return
    }
    if (entry.kind === 'pass') return
    if (entry.kind === 'admitted') {
      givePass(req, reply, entry)
      addCookie(reply, cookie(TICKET_COOKIE, '', 0, d.secureCookies))
      return
    }
    addCookie(reply, cookie(TICKET_COOKIE, entry.token, room.ticketTtlSeconds, d.secureCookies))
    reply.header(QUEUE_TOKEN_HEADER, entry.token).header('retry-after', String(entry.refreshSeconds)).header('cache-control', 'no-store')
    if (scope === 'api')
      return reply.code(429).send(
        errorBody(
          'queued',
          'The store is very busy: you are in line. Send the queue token in the X-Queue-Token header after Retry-After seconds.',
          {
            queue_token: entry.token,
            position: entry.position,
            estimated_wait_seconds: entry.waitSeconds,
          },
        ),
      )
    return reply
      .code(503)
      .header('content-security-policy', QUEUE_PAGE_CSP)
      .header('referrer-policy', 'same-origin')
      .type('text/html; charset=utf-8')
      .send(
        queuePage({
          storeName: d.storeName,
          position: entry.position,
          waitSeconds: entry.waitSeconds,
          refreshSeconds: entry.refreshSeconds,
          next: nextOf(req),
        }),
      )
  }
}
