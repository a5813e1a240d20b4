import type { FastifyInstance } from 'fastify'
import { registerMetrics } from '../platform/metrics/index.ts'
import { registerRequestTracing } from '../platform/tracing/index.ts'

/**
 * The HTTP side of observability, registered right after the server is created (before any other
 * hook): the request scope and span, the request-duration histogram and GET /metrics.
 */
export const instrumentServer = (app: FastifyInstance): void => {
  registerRequestTracing(app)
  registerMetrics(app)
}
