/**
 * Crest's metrics API (docs/operations.md lists every series). Platform code and modules record
 * through these objects; `src/observability/` wires the scrape-time sources of one app.
 */
export { metricsRegistry, renderMetrics, collectProcessMetrics, METRICS_CONTENT_TYPE } from './registry.ts'
export { registerMetrics } from './metrics-route.ts'
export { serveClusterMetrics } from './cluster-metrics.ts'
export { httpServerRequestDuration, httpServerRequestsShed, observeHttpRequest } from './http-metrics.ts'
export { dbClientOperationDuration, dbPools, dbReplicaLagSeconds, type PoolCounts } from './db-metrics.ts'
export { cacheSources, type CacheReading } from './cache-metrics.ts'
export {
  checkoutAttempts,
  checkoutFailures,
  gateAdmissions,
  gateRejections,
  ordersPlaced,
  orderValuePlaced,
  stockConflicts,
  topSellerSources,
  topSellerStock,
} from './commerce-metrics.ts'
export { providerSources, type ProviderReading } from './provider-metrics.ts'
export { pipelineSources, type PipelineReading } from './pipeline-metrics.ts'
export { waitingRoomMetrics } from './waiting-room-metrics.ts'
