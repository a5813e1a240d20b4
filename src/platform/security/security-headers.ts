import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import { docsDirectives, serializeCsp, strictDirectives } from './content-security-policy.ts'

export type SecurityHeaderOptions = {
  /** Strict-Transport-Security max-age, sent on https requests only (0: never) */
  readonly hstsMaxAgeSeconds: number
  /** path prefixes of the API reference, which gets its own policy (docsDirectives) */
  readonly docsPrefix?: string
}

/**
 * Security headers on every response (docs/security.md): a strict Content Security Policy,
 * nosniff, a referrer policy, no framing, HSTS behind https. Register before any route or hook
 * that may answer early, so that those answers carry the headers too.
 */
export const registerSecurityHeaders = async (app: FastifyInstance, o: SecurityHeaderOptions): Promise<void> => {
  const strict = strictDirectives()
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: strict as Record<string, string[]> },
    strictTransportSecurity: false, // sent below, on https only
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-site' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    originAgentCluster: true,
    xDnsPrefetchControl: { allow: false },
    xDownloadOptions: true,
    xPermittedCrossDomainPolicies: { permittedPolicies: 'none' },
    xXssProtection: true, // "0": the old filter is itself a hole
  })
  if (o.hstsMaxAgeSeconds > 0) {
    const hsts = `max-age=${o.hstsMaxAgeSeconds}; includeSubDomains`
    app.addHook('onRequest', async (req, reply) => {
      if (req.protocol === 'https') reply.header('strict-transport-security', hsts)
    })
  }
  const docs = o.docsPrefix ?? '/docs'
  app.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload !== 'string' || !req.url.startsWith(docs)) return payload
    const type = reply.getHeader('content-type')
    if (typeof type === 'string' && type.startsWith('text/html'))
      reply.header('content-security-policy', serializeCsp(docsDirectives(payload)))
    return payload
  })
}
