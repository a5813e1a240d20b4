import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'

/** Headers a cross-origin API client may send, and those it may read. */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'x-order-token', 'x-csrf-token', 'x-request-id']
const EXPOSED_HEADERS = ['retry-after', 'x-request-id', 'location']

/**
 * CORS for the allow-listed origins only (CORS_ORIGINS; `*` for any). Credentials (cookies) are
 * never allowed cross-origin: browser apps on other origins use bearer tokens. Nothing is
 * registered for an empty list, so browsers keep the same-origin rule.
 */
export const registerCors = async (app: FastifyInstance, origins: readonly string[]): Promise<void> => {
  if (origins.length === 0) return
  const any = origins.includes('*')
  const allowed = new Set(origins)
  await app.register(cors, {
    origin: any ? '*' : (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)),
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
    strictPreflight: true,
  })
}
