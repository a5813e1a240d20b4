import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Redis } from 'ioredis'
import type { Config } from '../config/load-config.ts'
import { registerBodyLimits } from './body-limits.ts'
import { registerCors } from './cors.ts'
import { registerRateLimits } from './rate-limits.ts'
import { registerSecurityHeaders } from './security-headers.ts'

export type ProtectionConfig = Pick<
  Config,
  | 'CORS_ORIGINS'
  | 'HSTS_MAX_AGE_SECONDS'
  | 'BODY_LIMIT_STORE_BYTES'
  | 'BODY_LIMIT_ADMIN_BYTES'
  | 'BODY_LIMIT_WEB_BYTES'
  | 'RATE_LIMIT_PER_IP_PER_MINUTE'
  | 'RATE_LIMIT_PER_ACCOUNT_PER_MINUTE'
  | 'RATE_LIMIT_SIGN_IN_PER_MINUTE'
  | 'RATE_LIMIT_ALLOW'
  | 'REDIS_PREFIX'
>

export type ProtectionDeps = {
  readonly redis?: Redis
  /** the account a request acts for, once its route authenticated it (staff principal, customer session) */
  readonly accountOf: (req: FastifyRequest) => string | undefined
  /** `METHOD /path` of sign-in routes, limited per address by RATE_LIMIT_SIGN_IN_PER_MINUTE */
  readonly signInRoutes: readonly string[]
}

/**
 * The HTTP edge's protection (docs/security.md): security headers, CORS, body limits and rate
 * limits. Call right after createServer, before any other hook or route.
 */
export const registerProtection = async (app: FastifyInstance, config: ProtectionConfig, d: ProtectionDeps): Promise<void> => {
  await registerSecurityHeaders(app, { hstsMaxAgeSeconds: config.HSTS_MAX_AGE_SECONDS })
  await registerCors(app, config.CORS_ORIGINS)
  registerBodyLimits(app, { store: config.BODY_LIMIT_STORE_BYTES, admin: config.BODY_LIMIT_ADMIN_BYTES, web: config.BODY_LIMIT_WEB_BYTES })
  registerRateLimits(app, {
    perIpPerMinute: config.RATE_LIMIT_PER_IP_PER_MINUTE,
    perAccountPerMinute: config.RATE_LIMIT_PER_ACCOUNT_PER_MINUTE,
    signInPerMinute: config.RATE_LIMIT_SIGN_IN_PER_MINUTE,
    signInRoutes: d.signInRoutes,
    allow: config.RATE_LIMIT_ALLOW,
    accountOf: d.accountOf,
    redisPrefix: config.REDIS_PREFIX,
    ...(d.redis && { redis: d.redis }),
  })
}

/** One cookie's value from the request's Cookie header, or undefined. */
export const cookieOf = (req: FastifyRequest, name: string): string | undefined => {
  const header = req.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined
  }
  return undefined
}
