import { parseArgs } from 'node:util'
import { buildApp, createModules } from './app.ts'
import { closeEngines, openEngines, readConfig } from './cli/boot.ts'
import { seedDemoCatalog } from './cli/seed.ts'
import { serve } from './cli/serve.ts'
import { STAFF_ROLES, type StaffRole } from './modules/staff/index.ts'

const HELP = `Crest — commerce built for the peak

Usage: crest <command> [options]

  start                   migrate, seed the demo catalog on first run, and serve (default)
  serve                   serve HTTP (store API, admin API, storefront, /docs)
  migrate                 apply database migrations
  seed [--products N]     load the deterministic demo catalog (idempotent; default 2000)
  user create --email E --password P --role R [--name N]
                          create a staff user; roles: ${STAFF_ROLES.join(', ')}

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
    m.staff.createUser({ email: values.email as string, password: values.password as string, role: values.role as StaffRole, ...(values.name && { name: values.name }) }),
  )
  if (!r.ok) fail(r.error.message)
  else console.log(`Created staff user ${r.value.email} (${r.value.role}, ${r.value.id}).`)
}

const main = async (argv: string[]) => {
  const [command = 'start', ...rest] = argv
  switch (command) {
    case 'start':
      return serve(readConfig(), { role: 'start', seedIfEmpty: true })
    case 'serve':
      return serve(readConfig(), { role: 'serve', seedIfEmpty: false })
    case 'migrate':
      await withModules('migrate', async () => {})
      return console.log('Migrations applied.')
    case 'seed':
      return seed(rest)
    case 'user':
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
