import { collectDefaultMetrics, register } from 'prom-client'

/**
 * The one metrics registry of this process (prom-client's global one, so `serve --workers N`
 * can aggregate it across workers). Metric objects are created once, at import, so building
 * several apps in one process (tests) never registers a name twice.
 */
export const metricsRegistry = register

let defaultsOn = false
/** Node's process metrics: event-loop lag, heap, GC pauses, handles, CPU, memory. Idempotent. */
export const collectProcessMetrics = (): void => {
  if (defaultsOn) return
  defaultsOn = true
  collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: 20 })
}

/** The Prometheus text exposition of this process's metrics. */
export const renderMetrics = (): Promise<string> => metricsRegistry.metrics()
export const METRICS_CONTENT_TYPE = metricsRegistry.contentType
