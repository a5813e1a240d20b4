import 'dotenv/config'
import { parseArgs } from 'node:util'
import type { createModules } from './app.ts'
import type { StaffRole } from './modules/staff/index.ts'

// Each command loads what it needs when it runs, so `crest --help`, a refused option, or a command
// that needs no store (sandbox, loadtest) answers without loading the whole application.

const help = async () => {
  const { STAFF_ROLES } = await import('./modules/staff/index.ts')
  return `Crest — commerce built for the peak

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
}

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

const withModules = async <T>(role: string, run: (m: ReturnType<typeof createModules>) => Promise<T>) => {
  const [{ closeEngines, openEngines, readConfig }, { createModules }] = await Promise.all([import('./cli/boot.ts'), import('./app.ts')])
  const config = readConfig()
  const engines = await openEngines(config, role)
  try {
    return await run(createModules(config, engines))
  } finally {
    await closeEngines(engines)
  }
}

/** Applies pending migrations: opening the engines does it. */
const migrateCommand = async () => {
  const { closeEngines, openEngines, readConfig } = await import('./cli/boot.ts')
  await closeEngines(await openEngines(readConfig(), 'migrate'))
  console.log('Migrations applied.')
}

const seed = async (args: string[]) => {
  const { values } = parseArgs({ args, options: { products: { type: 'string' }, seed: { type: 'string' } } })
  const { readConfig } = await import('./cli/boot.ts')
  const products = values.products === undefined ? readConfig().SEED_PRODUCTS : Number(values.products)
  if (!Number.isInteger(products) || products < 0 || products > 1_000_000) fail('--products must be a whole number from 0 to 1000000')
  const { seedDemoCatalog } = await import('./cli/seed.ts')
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
  const { STAFF_ROLES } = await import('./modules/staff/index.ts')
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
  const { startSandboxPayments } = await import('./sandbox/payments/index.ts')
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
  const [{ readConfig }, { isClusterWorker, runCluster }] = await Promise.all([import('./cli/boot.ts'), import('./cli/cluster.ts')])
  const config = readConfig()
  if (workers === 1 || isClusterWorker()) return (await import('./cli/serve.ts')).serve(config, { role: 'serve', seedIfEmpty: false })
  if (!config.DATABASE_URL) fail('--workers needs DATABASE_URL: the embedded database belongs to one process')
  const { createLogger } = await import('./platform/logging/create-logger.ts')
  const logger = createLogger(config.LOG_LEVEL).child({ role: 'serve-primary' })
  if (!config.REDIS_URL)
    logger.warn('no REDIS_URL: each worker keeps its own cache, flash-sale gate and cart memo (set REDIS_URL to share them)')
  return runCluster(workers, logger)
}

const main = async (argv: string[]) => {
  const [command = 'start', ...rest] = argv
  switch (command) {
    case 'start': {
      const [{ readConfig }, { serve }] = await Promise.all([import('./cli/boot.ts'), import('./cli/serve.ts')])
      return serve(readConfig(), { role: 'start', seedIfEmpty: true })
    }
    case 'serve':
      return serveCommand(rest)
    case 'worker': {
      const [{ readConfig }, { worker }] = await Promise.all([import('./cli/boot.ts'), import('./cli/worker.ts')])
      return worker(readConfig())
    }
    case 'migrate':
      return migrateCommand()
    case 'seed':
      return seed(rest)
    case 'sandbox':
      if (rest[0] === 'carrier') return (await import('./sandbox/carrier/index.ts')).sandboxCarrierCommand(rest.slice(1), fail)
      if (rest[0] !== 'payments') fail('Usage: crest sandbox payments [--port 4010] [--latency-ms 0] [--failure-rate 0]')
      return sandboxPayments(rest.slice(1))
    case 'loadtest':
      return (await import('./cli/loadtest.ts')).loadtestCommand(rest, fail)
    case 'backup':
      return (await import('./cli/backup.ts')).backupCommand(rest, fail)
    case 'restore':
      return (await import('./cli/backup.ts')).restoreCommand(rest, fail)
    case 'user':
      if (rest[0] === 'reset-mfa') return (await import('./cli/user-reset-mfa.ts')).userResetMfaCommand(rest.slice(1), fail)
      if (rest[0] !== 'create') fail('Usage: crest user create --email E --password P --role R')
      return userCreate(rest.slice(1))
    case 'help':
    case '--help':
    case '-h':
      return console.log(await help())
    default:
      fail(`Unknown command "${command}".\n\n${await help()}`)
  }
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`crest: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
