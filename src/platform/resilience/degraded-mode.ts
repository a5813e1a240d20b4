import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { errorBody } from '../http/error-body.ts'
import type { DependencyBreaker } from './dependency-breaker.ts'
import type { MaintenanceSwitch } from './maintenance-switch.ts'
import { maintenancePage, unavailablePage, withNotice } from './notice-pages.ts'

export type DegradedModeOptions = {
  readonly storeName: string
  /** the primary database's breaker; null for the embedded database (it is in this process) */
  readonly database: DependencyBreaker | null
  readonly maintenance: MaintenanceSwitch
  readonly maintenanceRetryAfterSeconds: number
  /** the MAINTENANCE_PAGE file's content, shown instead of the default page */
  readonly customMaintenancePage?: string
}

/** Retry-After of `database_unavailable` answers */
export const DATABASE_RETRY_AFTER_SECONDS = 5

/** Staff, health, docs, assets and provider webhooks stay reachable in maintenance. */
const EXEMPT = /^\/(admin|healthz|readyz|metrics|openapi\.json|docs|assets|webhooks|favicon\.ico|robots\.txt)(\/|\?|$)/

/** The JSON API: errors stay JSON there; everything else is a page a shopper's browser shows. */
const isApi = (url: string) => /^\/(store|admin|webhooks)(\/|\?|$)/.test(url)

const wantsHtml = (req: FastifyRequest) => !isApi(req.url) && /text\/html|\*\/\*/.test(req.headers.accept ?? 'text/html')

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS'

const sendHtml = (reply: FastifyReply, status: number, html: string) =>
  reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html)

/**
 * Degraded mode and the maintenance switch as request hooks (docs/resilience.md):
 * - maintenance on: shoppers get 503 `maintenance` (the maintenance page in a browser); staff,
 *   the admin API, health checks, assets and provider webhooks are not affected;
 * - primary database down (its breaker open): writes — carts, checkout — get 503
 *   `database_unavailable` with Retry-After at once, and a browser a friendly page saying the cart
 *   is kept; catalog reads are served from cache (see stale-fallback.ts) with a visible notice;
 * - failures of the database seen by any request are reported to its breaker.
 * Register before the routes.
 */
export const registerDegradedMode = (app: FastifyInstance, o: DegradedModeOptions): void => {
  const db = o.database
  /** true when it answered the request itself */
  const refused = (req: FastifyRequest, reply: FastifyReply): boolean => {
    if (EXEMPT.test(req.url)) return false
    const m = o.maintenance.current()
    if (m.enabled) {
      reply.header('retry-after', String(o.maintenanceRetryAfterSeconds))
      if (wantsHtml(req)) sendHtml(reply, 503, o.customMaintenancePage ?? maintenancePage(o.storeName, m.message))
      else reply.code(503).send(errorBody('maintenance', m.message || 'The store is down for maintenance; please come back shortly.'))
      return true
    }
    if (db && !db.available() && isWrite(req.method)) {
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
      if (wantsHtml(req)) sendHtml(reply, 503, unavailablePage(o.storeName, DATABASE_RETRY_AFTER_SECONDS))
      else
        reply
          .code(503)
          .send(errorBody('database_unavailable', 'Orders cannot be taken for a moment; your cart is kept. Please try again shortly.'))
      return true
    }
    return false
  }
  // callback-style: it runs on every request and never waits (docs/benchmarks.md)
  app.addHook('onRequest', (req, reply, done) => {
    if (!refused(req, reply)) done()
  })
  if (!db) return
  app.addHook('onError', async (_req, _reply, error) => {
    db.report(error)
  })
  const shown = (req: FastifyRequest, reply: FastifyReply, payload: unknown): unknown => {
    if (EXEMPT.test(req.url)) return payload
    const type = String(reply.getHeader('content-type') ?? '')
    if (reply.statusCode === 503 && type.startsWith('application/json') && typeof payload === 'string' && wantsHtml(req)) {
      if (!payload.includes('"database_unavailable"')) return payload
      reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store')
      return unavailablePage(o.storeName, DATABASE_RETRY_AFTER_SECONDS)
    }
    if (db.available() || reply.statusCode >= 300) return payload
    // served while the database is down: from cache, so say so, and keep it out of shared caches
    reply.header('x-crest-degraded', 'database').header('cache-control', 'no-store').removeHeader('etag')
    if (type.startsWith('text/html') && typeof payload === 'string') return withNotice(payload)
    return payload
  }
  app.addHook('onSend', (req, reply, payload, done) => {
    done(null, shown(req, reply, payload))
  })
}
