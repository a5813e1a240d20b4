import type { FastifyInstance } from 'fastify'
import { errorBody } from '../http/error-body.ts'
import { answerClusterScrapes, CLUSTER_CONTENT_TYPE, clusterMetricsFromPrimary, inClusterWorker } from './cluster-metrics.ts'
import { registerHttpMetrics } from './http-metrics.ts'
import { collectProcessMetrics, METRICS_CONTENT_TYPE, renderMetrics } from './registry.ts'

/**
 * GET /metrics in the Prometheus text format, plus the request-duration histogram for every route.
 * In a `serve --workers N` worker the answer covers the whole cluster (see cluster-metrics.ts).
 * Keep it off the public internet (nginx: `location /metrics { deny all; }` outside the scrape network).
 */
export const registerMetrics = (app: FastifyInstance): void => {
  collectProcessMetrics()
  answerClusterScrapes()
  registerHttpMetrics(app)
  app.get('/metrics', { schema: { hide: true }, config: { routeClass: 'other' } }, async (req, reply) => {
    if (inClusterWorker()) {
      const text = await clusterMetricsFromPrimary().catch((e: unknown) => e as Error)
      if (text instanceof Error) {
        req.log.warn({ err: text }, 'cluster metrics unavailable')
        return reply.code(503).header('retry-after', '1').send(errorBody('unavailable', text.message))
      }
      return reply.header('content-type', CLUSTER_CONTENT_TYPE).header('cache-control', 'no-store').send(text)
    }
    return reply
      .header('content-type', METRICS_CONTENT_TYPE)
      .header('cache-control', 'no-store')
      .send(await renderMetrics())
  })
}
