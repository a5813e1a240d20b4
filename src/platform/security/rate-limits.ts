import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify'
import type { Redis } from 'ioredis'
import { errorBody } from '../http/error-body.ts'
import { createLimiter, type LimitDecision, type Limiter } from './limiter.ts'

export type RateLimitOptions = {
  /** per client address, every request (0: off) */
  readonly perIpPerMinute: number
  /** per signed-in account over every address (0: off) */
  readonly perAccountPerMinute: number
  /** per client address on the sign-in routes, on top of the above (0: off) */
  readonly signInPerMinute: number
  /** `METHOD /path` of the sign-in routes, as registered */
  readonly signInRoutes: readonly string[]
  /** client addresses never limited */
  readonly allow: readonly string[]
  /** the account a request acts for (after the route's own authentication ran), or undefined */
  readonly accountOf: (req: FastifyRequest) => string | undefined
  readonly redis?: Redis
  readonly redisPrefix: string
}

/** Probes and scrapes are never limited: an orchestrator polling them must not lock itself out. */
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics'])

const refuse = (reply: FastifyReply, d: Extract<LimitDecision, { ok: false }>, scope: string) =>
  reply
    .code(429)
    .header('retry-after', String(d.retryAfterSeconds))
    .header('cache-control', 'no-store')
    .send(
      errorBody('too_many_requests', `Too many requests; try again in ${d.retryAfterSeconds} s.`, {
        scope,
        limit: d.limit,
        retry_after_seconds: d.retryAfterSeconds,
      }),
    )

/** A stable, short key for an account identifier (which may be a secret such as a session token). */
const accountKey = (account: string) => createHash('sha256').update(account).digest('base64url').slice(0, 32)

/**
 * Rate limits (docs/security.md): per client address on every request, tighter on sign-in, and per
 * signed-in account. Counted in Redis when it is configured, so every process shares one budget.
 * Past a limit: 429 `too_many_requests` with Retry-After. Register before the routes.
 */
export const registerRateLimits = (
  app: FastifyInstance,
  o: RateLimitOptions,
): { readonly limiters: Readonly<Record<string, Limiter | undefined>> } => {
  const allow = new Set(o.allow)
  const make = (name: string, perMinute: number) =>
    perMinute > 0
      ? createLimiter({ points: perMinute, windowSeconds: 60, keyPrefix: `${o.redisPrefix}rl:${name}`, ...(o.redis && { redis: o.redis }) })
      : undefined
  const perIp = make('ip', o.perIpPerMinute)
  const signIn = make('sign-in', o.signInPerMinute)
  const perAccount = make('account', o.perAccountPerMinute)
  const signInRoutes = new Set(o.signInRoutes)
  const exempt = (req: FastifyRequest) => allow.has(req.ip) || UNLIMITED_PATHS.has(req.url.split('?')[0] ?? '')

  const byAddress = async (req: FastifyRequest, reply: FastifyReply) => {
    if (perIp) {
      const d = await perIp.consume(req.ip)
      if (!d.ok) return refuse(reply, d, 'address')
    }
    if (signIn && signInRoutes.has(`${req.method} ${req.routeOptions.url}`)) {
      const d = await signIn.consume(req.ip)
      if (!d.ok) return refuse(reply, d, 'sign_in')
    }
  }
  // callback-style with a synchronous way through for exempt addresses: no promise on their requests
  app.addHook('onRequest', (req, reply, done) => {
    if ((!perIp && !signIn) || exempt(req)) return done()
    byAddress(req, reply).then(() => done(), done)
  })

  if (perAccount) {
    const consumeFor = async (account: string, reply: FastifyReply) => {
      const d = await perAccount.consume(accountKey(account))
      if (!d.ok) refuse(reply, d, 'account')
    }
    // runs after the route's own preHandlers (which authenticate), so the account is known
    const byAccount: preHandlerHookHandler = (req, reply, done) => {
      const account = exempt(req) ? undefined : o.accountOf(req)
      if (!account) return done()
      consumeFor(account, reply).then(() => done(), done)
    }
    app.addHook('onRoute', (route) => {
      const own = route.preHandler
      route.preHandler = own === undefined ? [byAccount] : Array.isArray(own) ? [...own, byAccount] : [own, byAccount]
    })
  }
  return { limiters: { perIp, signIn, perAccount } }
}
