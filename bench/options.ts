import { parseArgs } from 'node:util'

export const SCENARIO_NAMES = ['hello', 'product-list', 'product-detail', 'search-uncached', 'search-cached', 'product-page-html'] as const
export type ScenarioName = (typeof SCENARIO_NAMES)[number]

export type BenchOptions = {
  readonly engine: 'postgres' | 'pglite'
  readonly redis: boolean
  readonly duration: number
  readonly warmup: number
  readonly connections: number
  readonly products: number
  readonly only: ReadonlySet<ScenarioName>
  /** write a V8 CPU profile of the serve process (node --cpu-prof) under bench/results/ */
  readonly cpuProf: boolean
  /** ANALYZE after seeding (default on; --no-analyze measures the database exactly as the seed left it) */
  readonly analyze: boolean
  /** re-measure a scenario (up to this many times) when other processes took a big share of the CPU */
  readonly retries: number
  /** wait up to this many seconds before a scenario for the machine to be quiet */
  readonly quietWait: number
  readonly databaseUrl: string | undefined
  readonly redisUrl: string | undefined
}

export const USAGE = `Usage: npm run bench -- [--suite catalog] [options]
       npm run bench -- --suite selling --help   (checkouts per second and the flash sale)

  --engine postgres|pglite  database engine (default: postgres when DATABASE_URL is set, else pglite)
  --redis / --no-redis      Redis cache tier from REDIS_URL (default: on when REDIS_URL is set and engine is postgres)
  --duration S              measured seconds per scenario (default 10)
  --warmup S                warm-up seconds before each scenario (default 3)
  --connections N           connections for throughput scenarios (default 50; search-uncached uses 10)
  --products N              catalog size to seed (default 2000)
  --only a,b                run only these scenarios: ${SCENARIO_NAMES.join(', ')}
  --no-analyze              skip the ANALYZE after seeding (see docs/benchmarks.md: autovacuum is off on the
                            dev PostgreSQL and PGlite has none, so the seed leaves tables without statistics)
  --retries N               re-measure a scenario up to N times when other processes used > 35% of a core
                            during it; the least disturbed attempt is kept (default 2)
  --quiet-wait S            before each scenario, wait up to S seconds for the machine to be quiet (default 60)
  --cpu-prof                profile the serve process (writes a .cpuprofile under bench/results/)
  --help`

const positive = (name: string, raw: string | undefined, fallback: number, min = 1): number => {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min} (got "${raw}")`)
  return n
}

export const parseOptions = (argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' => {
  const { values } = parseArgs({
    args: [...argv],
    allowNegative: true,
    options: {
      engine: { type: 'string' },
      redis: { type: 'boolean' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      products: { type: 'string' },
      only: { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      retries: { type: 'string' },
      analyze: { type: 'boolean' },
      'quiet-wait': { type: 'string' },
      suite: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return 'help'
  const databaseUrl = env.DATABASE_URL?.trim() || undefined
  const redisUrl = env.REDIS_URL?.trim() || undefined
  const engine = (values.engine ?? (databaseUrl ? 'postgres' : 'pglite')) as BenchOptions['engine']
  if (engine !== 'postgres' && engine !== 'pglite') throw new Error(`--engine must be postgres or pglite (got "${values.engine}")`)
  if (engine === 'postgres' && !databaseUrl)
    throw new Error('--engine postgres needs DATABASE_URL (a server where the bench may create a database)')
  const redis = values.redis ?? (Boolean(redisUrl) && engine === 'postgres')
  if (redis && !redisUrl) throw new Error('--redis needs REDIS_URL')
  const only = new Set<ScenarioName>()
  for (const name of (values.only ?? SCENARIO_NAMES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(SCENARIO_NAMES as readonly string[]).includes(name))
      throw new Error(`--only: unknown scenario "${name}" (known: ${SCENARIO_NAMES.join(', ')})`)
    only.add(name as ScenarioName)
  }
  const products = positive('products', values.products, 2000, 1)
  if (!Number.isInteger(products) || products > 1_000_000) throw new Error('--products must be a whole number from 1 to 1000000')
  return {
    engine,
    redis,
    duration: positive('duration', values.duration, 10),
    warmup: positive('warmup', values.warmup, 3, 0),
    connections: Math.round(positive('connections', values.connections, 50)),
    products,
    only,
    cpuProf: values['cpu-prof'] ?? false,
    analyze: values.analyze ?? true,
    retries: Math.round(positive('retries', values.retries, 2, 0)),
    quietWait: positive('quiet-wait', values['quiet-wait'], 60, 0),
    databaseUrl,
    redisUrl,
  }
}
