import { parseArgs } from 'node:util'
import { buildApp, createModules } from './app.ts'
import { closeEngines, openEngines, readConfig } from './cli/boot.ts'
import { userResetMfaCommand } from './cli/user-reset-mfa.ts'
import { seedDemoCatalog } from './cli/seed.ts'
import { isClusterWorker, runCluster } from './cli/cluster.ts'
import { serve } from './cli/serve.ts'
import { backupCommand, restoreCommand } from './cli/backup.ts'
import { createLogger } from './platform/logging/create-logger.ts'
import { worker } from './cli/worker.ts'
import { startSandboxPayments } from './sandbox/payments/index.ts'
import { sandboxCarrierCommand } from './sandbox/carrier/index.ts'
import { loadtestCommand } from './cli/loadtest.ts'
import { STAFF_ROLES, type StaffRole } from './modules/staff/index.ts'

const HELP = `Crest — commerce built for the peak

Usage: crest <command> [options]

  start                   migrate, seed the demo catalog on first run, and serve (default)
  serve [--workers N]     serve HTTP (store API, admin API, storefront, /docs); N processes share the port
  worker                  relay and consume events, run scheduled jobs (see docs/events.md)
  migrate                 apply database migrations
  seed [--products N]     load the deterministic demo catalog (idempotent; default 2000)
  sandbox payments [--port 4010] [--latency-ms 0] [--failure-rate 0]
                          run the sandbox payment gateway (a separate local HTTP server)
  sandbox carrier [--port 4020] [--latency-ms 0] [--failure-rate 0] [--webhook-url URL] [--step-ms 5000]
                          run the sandbox carrier (rates, shipments, labels, tracking, signed webhooks)
  backup [--out FILE]     back up the database: pg_dump (DATABASE_URL) or the embedded store (DATA_DIR)
  restore FILE [--yes]    restore a backup; --yes confirms replacing a database that has tables
  user create --email E --password P --role R [--name N]
                          create a staff user; roles: ${STAFF_ROLES.join(', ')}
  user reset-mfa --email E  remove a staff user's authenticator and recovery codes, end their sessions
  loadtest --url URL [--preset black-friday] [--profile steady|ramp|spike|flash-sale] [--rate N]
           [--duration 5m] [--mix browse=30,…] [--p99-target 500ms] [--find-knee] [--out DIR]
                          drive virtual shoppers at a store over HTTP; HTML + JSON report (docs/operations.md)

Configuration comes from the environment (and .env): PORT, HOST, DATA_DIR, DATABASE_URL,
REDIS_URL, LOG_LEVEL, … — see README.md.`

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

const withModules = async <T>(role: string, run: (m: ReturnType<typeof createModules>) => Promise<T>) => {
  const config = readConfig()
  const engines = await openEngines(config, role)
  try {
    return await run(createModules(config, engines))
  } finally {
    await closeEngines(engines)
  }
}

const seed = async (args: string[]) => {
  const { values } = parseArgs({ args, options: { products: { type: 'string' }, seed: { type: 'string' } } })
  const products = values.products === undefined ? readConfig().SEED_PRODUCTS : Number(values.products)
  if (!Number.isInteger(products) || products < 0 || products > 1_000_000) fail('--products must be a whole number from 0 to 1000000')
  const r = await withModules('seed', (m) =>
    seedDemoCatalog(m, { products, ...(values.seed && { seed: Number(values.seed) }), progress: (l) => console.log(l) }),
  )
  console.log(`Seeded ${r.products} new products, ${r.categories} categories, ${r.stockLevels} new stock levels in ${r.ms} ms.`)
}

const userCreate = async (args: string[]) => {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
  })
  if (!values.email || !values.password || !values.role) fail('Usage: crest user create --email E --password P --role R')
  if (!STAFF_ROLES.includes(values.role as StaffRole)) fail(`--role must be one of: ${STAFF_ROLES.join(', ')}`)
  const r = await withModules('cli', (m) =>
    m.staff.createUser({
      email: values.email as string,
      password: values.password as string,
      role: values.role as StaffRole,
      ...(values.name && { name: values.name }),
    }),
  )
  if (!r.ok) fail(r.error.message)
  else console.log(`Created staff user ${r.value.email} (${r.value.role}, ${r.value.id}).`)
}

const sandboxPayments = async (args: string[]) => {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, 'latency-ms': { type: 'string' }, 'failure-rate': { type: 'string' }, host: { type: 'string' } },
  })
  const port = Number(values.port ?? 4010)
  const latencyMs = Number(values['latency-ms'] ?? 0)
  const failureRate = Number(values['failure-rate'] ?? 0)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be a port number')
  if (!(latencyMs >= 0)) fail('--latency-ms must be 0 or more')
  if (!(failureRate >= 0 && failureRate <= 1)) fail('--failure-rate must be between 0 and 1')
  const s = await startSandboxPayments({ port, latencyMs, failureRate, host: values.host ?? '127.0.0.1' })
  console.log(`Sandbox payment gateway listening at ${s.url} (GET /v1/ledger shows every effect)`)
  const stop = () => void s.close().then(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

const serveCommand = async (args: string[]) => {
  const { values } = parseArgs({ args, options: { workers: { type: 'string' } } })
  const workers = values.workers === undefined ? 1 : Number(values.workers)
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) fail('--workers must be a whole number from 1 to 64')
  const config = readConfig()
  if (workers === 1 || isClusterWorker()) return serve(config, { role: 'serve', seedIfEmpty: false })
  if (!config.DATABASE_URL) fail('--workers needs DATABASE_URL: the embedded database belongs to one process')
  const logger = createLogger(config.LOG_LEVEL).child({ role: 'serve-primary' })
  if (!config.REDIS_URL)
    logger.warn('no REDIS_URL: each worker keeps its own cache, flash-sale gate and cart memo (set REDIS_URL to share them)')
  return runCluster(workers, logger)
}

const main = async (argv: string[]) => {
  const [command = 'start', ...rest] = argv
  switch (command) {
    case 'start':
      return serve(readConfig(), { role: 'start', seedIfEmpty: true })
    case 'serve':
      return serveCommand(rest)
    case 'worker':
      return worker(readConfig())
    case 'migrate':
      await withModules('migrate', async () => {})
      return console.log('Migrations applied.')
    case 'seed':
      return seed(rest)
    case 'sandbox':
      if (rest[0] === 'carrier') return sandboxCarrierCommand(rest.slice(1), fail)
      if (rest[0] !== 'payments') fail('Usage: crest sandbox payments [--port 4010] [--latency-ms 0] [--failure-rate 0]')
      return sandboxPayments(rest.slice(1))
    case 'loadtest':
      return loadtestCommand(rest, fail)
    case 'backup':
      return backupCommand(rest, fail)
    case 'restore':
      return restoreCommand(rest, fail)
    case 'user':
      if (rest[0] === 'reset-mfa') return userResetMfaCommand(rest.slice(1), fail)
      if (rest[0] !== 'create') fail('Usage: crest user create --email E --password P --role R')
      return userCreate(rest.slice(1))
    case 'help':
    case '--help':
    case '-h':
      return console.log(HELP)
    default:
      fail(`Unknown command "${command}".\n\n${HELP}`)
  }
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`crest: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})

export { buildApp }
