import { Gauge, Histogram } from 'prom-client'
import { metricsRegistry } from './registry.ts'
import { sourceSet } from './scrape-sources.ts'

/** OpenTelemetry's db.client.operation.duration, in seconds, by engine and SQL verb. */
export const dbClientOperationDuration = new Histogram({
  name: 'db_client_operation_duration_seconds',
  help: 'Duration of database statements, by engine (postgresql, pglite) and operation (select, insert, update, delete, begin, commit …)',
  labelNames: ['db_system_name', 'db_operation_name', 'outcome'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
})

export type PoolCounts = { readonly total: number; readonly idle: number; readonly waiting: number; readonly max: number }
/** A connection pool registers how to read its counts; they are read at scrape time only. */
export const dbPools = sourceSet<{ readonly name: string; readonly counts: () => PoolCounts }>()

export const dbClientConnectionCount = new Gauge({
  name: 'db_client_connection_count',
  help: 'Connections in the pool, by state (idle, used)',
  labelNames: ['pool_name', 'state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset()
    for (const p of dbPools.each()) {
      const c = p.counts()
      this.inc({ pool_name: p.name, state: 'idle' }, c.idle)
      this.inc({ pool_name: p.name, state: 'used' }, c.total - c.idle)
    }
  },
})

export const dbClientConnectionPendingRequests = new Gauge({
  name: 'db_client_connection_pending_requests',
  help: 'Callers waiting for a connection from the pool',
  labelNames: ['pool_name'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset()
    for (const p of dbPools.each()) this.inc({ pool_name: p.name }, p.counts().waiting)
  },
})

export const dbClientConnectionMax = new Gauge({
  name: 'db_client_connection_max',
  help: 'The most connections the pool may open',
  labelNames: ['pool_name'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset()
    for (const p of dbPools.each()) this.inc({ pool_name: p.name }, p.counts().max)
  },
})

/**
 * Seconds a read replica is behind the primary (`now() - pg_last_xact_replay_timestamp()` on the
 * replica, or 0 when it has replayed everything). Set by whoever polls the replicas; across
 * `serve --workers` the largest value wins.
 */
export const dbReplicaLagSeconds = new Gauge({
  name: 'db_replica_lag_seconds',
  help: 'How far each read replica is behind the primary, in seconds',
  labelNames: ['replica'] as const,
  aggregator: 'max',
  registers: [metricsRegistry],
})
