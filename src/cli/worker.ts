import { createModules } from '../app.ts'
import { busOptionsFromConfig } from '../platform/bus/bus-options.ts'
import { startEventBus } from '../platform/bus/start-event-bus.ts'
import type { Config } from '../platform/config/load-config.ts'
import { createServer } from '../platform/http/create-server.ts'
import { registerHealth } from '../platform/http/health-routes.ts'
import { databaseLease } from '../platform/jobs/lease.ts'
import { leaseOfAtLeast, runJobs } from '../platform/jobs/run-every.ts'
import { closeEngines, openEngines } from './boot.ts'
import { instrumentServer, processSales, watchApp } from '../observability/index.ts'
import { scheduledJobs } from './scheduled-jobs.ts'

/**
 * The worker role: the outbox relay, the event consumers (JetStream pull consumers with NATS_URL,
 * the database queue without) and the scheduled jobs under leases. /healthz and /readyz on
 * WORKER_PORT. SIGTERM/SIGINT drain: stop pulling, finish deliveries in progress, then exit.
 */
export const worker = async (config: Config) => {
  const engines = await openEngines(config, 'worker')
  const modules = createModules(config, engines)
  const options = busOptionsFromConfig(config)
  const bus = await startEventBus({ db: engines.db, logger: engines.logger, registry: modules.consumers, options, role: 'worker' })
  const stopJobs = runJobs(scheduledJobs(modules, engines.db, options, config), engines.logger, {
    lease: databaseLease(engines.db),
    leaseMs: leaseOfAtLeast(config.JOB_LEASE_MIN_MS),
  })
  let draining = false
  const http = config.WORKER_PORT > 0 ? createServer(engines.logger) : undefined
  if (http) {
    const checks = [
      { name: 'database', check: engines.db.ping },
      { name: 'event bus', check: bus.check },
    ]
    // GET /metrics: the pipeline's backlog, carrier and gateway breakers, this process (docs/operations.md)
    instrumentServer(http)
    watchApp(http, {
      db: engines.db,
      responseCache: engines.cache.cache,
      gateways: modules.payments.gatewayStatus,
      carriers: modules.processing.carrierStatus,
      availableFor: modules.inventory.availableFor,
      tally: processSales,
    })
    registerHealth(http, checks, () => draining)
    await http.listen({ port: config.WORKER_PORT, host: config.HOST })
  }
  const consumers = new Set(modules.consumers.subscriptions().map((s) => s.consumer)).size
  engines.logger.info({ transport: bus.transport, consumers, healthPort: config.WORKER_PORT || null }, 'Crest worker running')

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    draining = true
    engines.logger.info({ signal }, 'draining')
    const force = setTimeout(() => {
      engines.logger.error('drain took too long; exiting')
      process.exit(1)
    }, config.SHUTDOWN_GRACE_MS)
    force.unref()
    await bus.stop()
    await stopJobs()
    await http?.close()
    await modules.notifications.close() // the SMTP pool, after the last send job has stopped
    await closeEngines(engines)
    engines.logger.info('stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}
