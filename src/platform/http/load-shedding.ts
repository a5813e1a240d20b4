import type { FastifyInstance } from 'fastify'
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

/**
 * Bounded concurrency per route class: past the limit a request is answered 503 with
 * Retry-After at once, instead of queueing behind slow ones until everything times out.
 */
export const registerLoadShedding = (app: FastifyInstance, limits: Readonly<Record<RouteClass, number>>, onShed?: (c: RouteClass) => void) => {
  const inFlight: Record<RouteClass, number> = { checkout: 0, cart: 0, catalog: 0, admin: 0, other: 0 }
  const release = (req: { shedClass?: RouteClass }) => {
    if (req.shedClass) {
      inFlight[req.shedClass]--
      req.shedClass = undefined
    }
  }
  // callback-style: it runs on every request and never waits (docs/benchmarks.md)
  app.addHook('onRequest', (req, reply, done) => {
    const c = classOf(req.url, req.routeOptions.config?.routeClass)
    if (inFlight[c] >= limits[c]) {
      onShed?.(c)
      reply.code(503).header('retry-after', '1').send(errorBody('overloaded', 'The store is very busy right now; please retry in a moment.', { route_class: c }))
      return
    }
    // a shopper who gave up while an earlier hook was still working (a Redis call, say) is not
    // counted: no answer will ever be sent, so no hook would ever give the slot back
    if (req.raw.destroyed || reply.raw.destroyed) return done()
    inFlight[c]++
    req.shedClass = c
    // the response's 'close' comes once however the exchange ends (sent, aborted, socket lost),
    // so a slot is never kept by a request that no hook hears the end of
    reply.raw.once('close', () => release(req))
    done()
  })
  return { inFlight: () => ({ ...inFlight }) }
}
