import { buildApp } from '../app.ts'
import type { Config } from '../platform/config/load-config.ts'
import { busOptionsFromConfig } from '../platform/bus/bus-options.ts'
import { startEventBus } from '../platform/bus/start-event-bus.ts'
import { databaseLease } from '../platform/jobs/lease.ts'
import { leaseOfAtLeast, runJobs } from '../platform/jobs/run-every.ts'
import { sandboxCarrierToRun } from '../modules/fulfillment/index.ts'
import { DEMO_TIMINGS, startSandboxCarrier } from '../sandbox/carrier/index.ts'
import { startSandboxPayments } from '../sandbox/payments/index.ts'
import { closeEngines, openEngines } from './boot.ts'
import { isClusterWorker } from './cluster.ts'
import { addAcceptListeners } from '../platform/http/accept-listeners.ts'
import { scheduledJobs } from './scheduled-jobs.ts'
import { seedDemoCatalog } from './seed.ts'

/**
 * The kernel's queue of new connections not yet accepted. Node's default (511) overflows when a
 * sale opens and thousands of browsers connect within a second while the event loop is busy: the
 * kernel then drops their SYNs and they come back only after 1, 3, 7, 15 s. The kernel caps it at
 * net.core.somaxconn (4096 on current Linux).
 */
const ACCEPT_BACKLOG = 4096

/** Runs the HTTP role until SIGTERM/SIGINT, then drains: readyz turns 503, in-flight requests finish. */
export const serve = async (config: Config, o: { role: 'serve' | 'start'; seedIfEmpty: boolean }) => {
  const engines = await openEngines(config, o.role)
  const { app, modules, startDraining } = await buildApp(config, engines)
  if (o.seedIfEmpty && config.SEED_PRODUCTS > 0 && (await modules.catalog.listCategories()).length === 0) {
    const r = await seedDemoCatalog(modules, { products: config.SEED_PRODUCTS, progress: (line) => engines.logger.info(line) })
    engines.logger.info(r, 'demo catalog seeded (first run)')
  }
  const sandbox =
    o.role === 'start' && config.SANDBOX_PAYMENTS_PORT > 0 && config.PAYMENT_GATEWAYS.includes(`:${config.SANDBOX_PAYMENTS_PORT}`)
      ? await startSandboxPayments({ port: config.SANDBOX_PAYMENTS_PORT })
      : undefined
  if (sandbox) engines.logger.info(`sandbox payment gateway running at ${sandbox.url} (tokens: tok_ok, tok_declined, tok_slow, tok_error)`)
  // the sandbox carrier too, walking parcels to delivered in seconds, its webhooks signed and sent to this store
  const demoCarrier = o.role === 'start' ? sandboxCarrierToRun(config) : null
  const carrier = demoCarrier
    ? await startSandboxCarrier({
        port: demoCarrier.port,
        timings: DEMO_TIMINGS,
        webhookUrl: `http://127.0.0.1:${config.PORT}/webhooks/carriers/${demoCarrier.name}`,
        webhookSecret: config.CARRIER_WEBHOOK_SECRET,
      })
    : undefined
  if (carrier) engines.logger.info(`sandbox carrier running at ${carrier.url} (webhooks to /webhooks/carriers/${demoCarrier?.name})`)
  const stopJobs = runJobs(scheduledJobs(modules, engines.db, busOptionsFromConfig(config), config), engines.logger, {
    lease: databaseLease(engines.db),
    leaseMs: leaseOfAtLeast(config.JOB_LEASE_MIN_MS),
  })
  // the outbox relay; without NATS_URL (or in `start`) the event consumers run here too (docs/events.md)
  const bus = await startEventBus({
    db: engines.db,
    logger: engines.logger,
    registry: modules.consumers,
    options: busOptionsFromConfig(config),
    role: o.role,
  })
  await app.listen({ port: config.PORT, host: config.HOST, backlog: ACCEPT_BACKLOG })
  // in a cluster worker the primary accepts: its listening socket is not this process's to copy
  const acceptors = await addAcceptListeners(app.server, {
    extra: isClusterWorker() ? 0 : config.HTTP_ACCEPT_LISTENERS - 1,
    backlog: ACCEPT_BACKLOG,
    warn: (m) => engines.logger.warn(m),
  })
  const shown = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST
  engines.logger.info(`Crest is serving the store at http://${shown}:${config.PORT} (API docs at /docs)`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    engines.logger.info({ signal }, 'draining')
    startDraining()
    acceptors.close()
    const force = setTimeout(() => {
      engines.logger.error('drain took too long; exiting')
      process.exit(1)
    }, config.SHUTDOWN_GRACE_MS)
    force.unref()
    await app.close()
    await bus.stop()
    await stopJobs()
    await sandbox?.close()
    await carrier?.close()
    await modules.notifications.close() // the SMTP pool, after the last send job has stopped
    await closeEngines(engines)
    engines.logger.info('stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}
