import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AuditLogApi } from '../security/audit-log.ts'
import { auditSummary, parsedPayload } from '../security/audit-summary.ts'
import { isAdminUrl } from './admin-guard.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** what a handler may add to its audit entry: the state before the change (the response is the after) */
    auditBefore?: unknown
    /**
     * what to record instead of the answer's body, when the body is personal data that must not
     * sit in an append-only log (a customer's data export: counts only)
     */
    auditResponse?: unknown
  }
}

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const SIGN_IN = '/admin/auth/token'

const actorOf = (req: FastifyRequest) => {
  const p = req.principal
  if (p?.kind === 'staff') return { actorKind: 'staff', actorId: p.id, actorLabel: p.email } as const
  if (p?.kind === 'api_key') return { actorKind: 'api_key', actorId: p.id, actorLabel: p.name } as const
  const body = req.body as { email?: unknown } | undefined
  const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 254) : null
  return { actorKind: 'anonymous', actorId: null, actorLabel: email } as const
}

/**
 * Appends an audit entry for every admin request that changes something (POST, PUT, PATCH,
 * DELETE) made by a staff user or an API key, refused or not, and for every sign-in attempt:
 * who, which route, when, from where, the request (secrets redacted) and the answer. The entry is
 * written before the answer leaves, so a caller that got an answer can find its entry.
 */
export const registerAuditTrail = (app: FastifyInstance, d: { readonly auditLog: AuditLogApi }): void => {
  // callback-style: every request passes here, and only admin changes wait for the entry
  app.addHook('onSend', (req, reply, payload, done) => {
    const route = req.routeOptions.url ?? ''
    // anonymous noise (refused before anything happened) is not recorded
    if (!CHANGES.has(req.method) || !isAdminUrl(route) || (!req.principal && route !== SIGN_IN)) return done(null, payload)
    recordEntry(req, reply, route, payload).then(() => done(null, payload), done)
  })
  const recordEntry = async (req: FastifyRequest, reply: FastifyReply, route: string, payload: unknown) => {
    const response = auditSummary(req.auditResponse !== undefined ? req.auditResponse : parsedPayload(payload))
    await d.auditLog
      .record({
        ...actorOf(req),
        action: `${req.method} ${route}`,
        method: req.method,
        path: req.url.split('?')[0] ?? req.url,
        status: reply.statusCode,
        ip: req.ip ?? null,
        userAgent: req.headers['user-agent']?.slice(0, 500) ?? null,
        requestId: req.id,
        request: { params: req.params ?? null, query: req.query ?? null, body: auditSummary(req.body) },
        response: req.auditBefore === undefined ? { body: response } : { before: auditSummary(req.auditBefore), body: response },
      })
      .catch((err) => req.log.error({ err, route }, 'audit log: could not record an admin action'))
  }
}
