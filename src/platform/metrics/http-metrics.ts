import type { FastifyInstance } from 'fastify'
import { Counter, Histogram } from 'prom-client'
import { metricsRegistry } from './registry.ts'

/** OpenTelemetry's recommended buckets for http.server.request.duration, in seconds. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]

/** RED metrics per route template (never the raw URL: ids would explode the series). */
export const httpServerRequestDuration = new Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'Duration of HTTP requests served, by route template, method and status class (2xx, 4xx, 5xx …)',
  labelNames: ['route', 'method', 'status_class'] as const,
  buckets: HTTP_DURATION_BUCKETS,
  registers: [metricsRegistry],
})

export const httpServerRequestsShed = new Counter({
  name: 'http_server_requests_shed_total',
  help: 'Requests answered 503 at once because their route class was at its concurrency limit',
  labelNames: ['route_class'] as const,
  registers: [metricsRegistry],
})

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const
type Child = { observe: (v: number) => void }
/** route → method → status class → histogram child: the hot path allocates nothing once warm. */
const children = new Map<string, Map<string, Child[]>>()

export const observeHttpRequest = (route: string, method: string, status: number, seconds: number): void => {
  let byMethod = children.get(route)
  if (!byMethod) {
    byMethod = new Map()
    children.set(route, byMethod)
  }
  let byClass = byMethod.get(method)
  if (!byClass) {
    byClass = STATUS_CLASSES.map((c) => httpServerRequestDuration.labels(route, method, c))
    byMethod.set(method, byClass)
  }
  const i = Math.min(4, Math.max(0, Math.floor(status / 100) - 1))
  ;(byClass[i] as Child).observe(seconds)
}

/** Requests no route matched share one label, so scanners probing URLs cannot grow the series. */
export const UNMATCHED_ROUTE = 'unmatched'

/** Records every response's duration; `/metrics` itself included, as Prometheus convention has it. */
export const registerHttpMetrics = (app: FastifyInstance): void => {
  app.addHook('onResponse', (req, reply, done) => {
    observeHttpRequest(req.routeOptions.url ?? UNMATCHED_ROUTE, req.method, reply.statusCode, reply.elapsedTime / 1000)
    done()
  })
}
