import type { FastifyInstance } from 'fastify'
import { type AdaptiveLimit, adaptiveLimit, SLOW_AT } from './adaptive-limit.ts'
import { errorBody } from './error-body.ts'

export type RouteClass = 'checkout' | 'cart' | 'catalog' | 'admin' | 'other'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** which concurrency budget a route draws on (load shedding) */
    routeClass?: RouteClass
  }
  interface FastifyRequest {
    shedClass?: RouteClass
  }
}

const classOf = (url: string, configured?: RouteClass): RouteClass => {
  if (configured) return configured
  if (url.startsWith('/store/carts/') && url.includes('/checkout')) return 'checkout'
  if (url.startsWith('/store/carts') || url.startsWith('/cart')) return 'cart'
  if (url.startsWith('/admin')) return 'admin'
  if (url.startsWith('/store') || url === '/' || /^\/(c|p|search)\b/.test(url)) return 'catalog'
  return 'other'
}

/** every LAG_PROBE_MS a timer checks how late it fired: a loop that far behind has no time for more work */
const LAG_PROBE_MS = 100
/**
 * How far behind the loop may fall: a checkout awaits some 25 steps (queries, the gateway), each
 * of which waits its turn in the loop, so a lag of target ÷ 25 already costs it the whole target
 */
const lagBudgetMs = (targetMs: number) => Math.max(10, targetMs / 25)

const watchEventLoop = (app: FastifyInstance, maxLagMs: number, onLag: () => void) => {
  let expected = performance.now() + LAG_PROBE_MS
  const probe = setInterval(() => {
    const now = performance.now()
    if (now - expected > maxLagMs) onLag()
    expected = now + LAG_PROBE_MS
  }, LAG_PROBE_MS)
  probe.unref()
  app.addHook('onClose', (_app, done) => {
    clearInterval(probe)
    done()
  })
}

export type LatencyTarget = {
  /** answers of these classes should take at most this long; their limits follow it (0: static limits only) */
  readonly targetMs: number
  readonly classes: readonly RouteClass[]
  /** an event loop later than this counts as a slow window for every class (default: target ÷ 25, at least 10 ms) */
  readonly maxLagMs?: number
  /** slow answers of these classes count as slow windows for the other adaptive classes: buying goes before browsing */
  readonly protect?: readonly RouteClass[]
}

/**
 * where an adaptive limit starts, and the least it goes down to. The limit grows only when it is
 * used up, so at an ordinary load it stays where it started, and the first second of a spike is let
 * in up to it: at 64 a class let in more than one second of this machine's CPU at once and the
 * spike's first seconds went past a second (docs/benchmarks.md); at 16 it grows by a tenth per
 * window when answers stay fast.
 */
const ADAPTIVE_INITIAL = 16
const ADAPTIVE_MIN = 4
const ADAPTIVE_WINDOW_MS = 200

/**
 * Bounded concurrency per route class: past the limit a request is answered 503 with
 * Retry-After at once, instead of queueing behind slow ones until everything times out. With a
 * latency target, the limits of the named classes shrink and grow with the answers' latency
 * (adaptive-limit.ts), the configured ones staying the ceiling (docs/decisions/0020).
 */
export const registerLoadShedding = (
  app: FastifyInstance,
  limits: Readonly<Record<RouteClass, number>>,
  onShed?: (c: RouteClass) => void,
  latency?: LatencyTarget,
) => {
  const inFlight: Record<RouteClass, number> = { checkout: 0, cart: 0, catalog: 0, admin: 0, other: 0 }
  const adaptive: Partial<Record<RouteClass, AdaptiveLimit>> = {}
  if (latency && latency.targetMs > 0)
    for (const c of latency.classes)
      adaptive[c] = adaptiveLimit(
        {
          targetMs: latency.targetMs,
          min: Math.min(ADAPTIVE_MIN, limits[c]),
          max: limits[c],
          initial: ADAPTIVE_INITIAL,
          windowMs: ADAPTIVE_WINDOW_MS,
        },
        performance.now(),
      )
  const limitOf = (c: RouteClass) => adaptive[c]?.current() ?? limits[c]
  if (latency && latency.targetMs > 0)
    watchEventLoop(app, latency.maxLagMs ?? lagBudgetMs(latency.targetMs), () => {
      for (const a of Object.values(adaptive)) a.congested()
    })
  const protectedClasses = new Set(latency?.protect ?? [])
  const release = (req: { shedClass?: RouteClass }, startedAt: number) => {
    const c = req.shedClass
    if (!c) return
    inFlight[c]--
    req.shedClass = undefined
    const now = performance.now()
    const ms = now - startedAt
    adaptive[c]?.record(ms, now)
    // a slow answer on a protected class (buying) cuts back the others (browsing) that share the CPU and the database
    if (latency && ms > latency.targetMs * SLOW_AT && protectedClasses.has(c))
      for (const [other, a] of Object.entries(adaptive)) if (!protectedClasses.has(other as RouteClass)) a.congested()
  }
  // callback-style: it runs on every request and never waits (docs/benchmarks.md)
  app.addHook('onRequest', (req, reply, done) => {
    const c = classOf(req.url, req.routeOptions.config?.routeClass)
    const limit = limitOf(c)
    if (inFlight[c] + 1 >= limit) adaptive[c]?.saturated()
    if (inFlight[c] >= limit) {
      onShed?.(c)
      reply
        .code(503)
        .header('retry-after', '1')
        .send(errorBody('overloaded', 'The store is very busy right now; please retry in a moment.', { route_class: c }))
      return
    }
    // a shopper who gave up while an earlier hook was still working (a Redis call, say) is not
    // counted: no answer will ever be sent, so no hook would ever give the slot back
    if (req.raw.destroyed || reply.raw.destroyed) return done()
    inFlight[c]++
    req.shedClass = c
    const startedAt = performance.now()
    // the response's 'close' comes once however the exchange ends (sent, aborted, socket lost),
    // so a slot is never kept by a request that no hook hears the end of
    reply.raw.once('close', () => release(req, startedAt))
    done()
  })
  return {
    inFlight: () => ({ ...inFlight }),
    limits: () => Object.fromEntries((Object.keys(inFlight) as RouteClass[]).map((c) => [c, limitOf(c)])) as Record<RouteClass, number>,
  }
}
