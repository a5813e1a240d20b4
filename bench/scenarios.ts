import { type CatalogSample, prime, probe } from './catalog-sample.ts'
import type { LoadSpec } from './load.ts'
import type { ScenarioName } from './options.ts'
import { cachedSearchPaths, repeatTracker, searchPhrases, uniqueSearchQueries } from './search-queries.ts'

export type Scenario = {
  /** the --only name */
  readonly kind: ScenarioName
  /** the name shown in the report */
  readonly name: string
  readonly description: string
  readonly connections: number
  readonly baseline: boolean
  readonly spec: LoadSpec
  /** runs before the warm-up; returns a reason to skip the scenario, or a note */
  readonly prepare?: () => Promise<{ skip?: string; note?: string } | undefined>
  /** after the measured run: facts to add to the result, and a note to show */
  readonly finish?: () => Promise<{ extra: Record<string, unknown>; note?: string }>
}

export type ScenarioContext = {
  readonly helloUrl: string
  readonly crestUrl: string
  readonly sample: CatalogSample
  readonly connections: number
  /** with Redis: counts the run's keys matching a pattern (used to confirm misses on the server side) */
  readonly countRedisKeys?: (match: string) => Promise<number>
}

/** Cycles through a fixed list of paths, one per request, shared by all connections. */
const cycle = (paths: readonly string[]) => {
  let i = 0
  return () => paths[i++ % paths.length] as string
}

export const UNCACHED_CONNECTIONS = 10

export const buildScenarios = (c: ScenarioContext): { first: Scenario[]; last: Scenario } => {
  const hello = (when: string): Scenario => ({
    kind: 'hello',
    name: `hello (${when})`,
    description: 'bare Fastify hello-world, GET / → {"hello":"world"} (the baseline)',
    connections: c.connections,
    baseline: true,
    spec: { url: c.helloUrl, connections: c.connections, path: '/' },
  })
  const detailPaths = c.sample.handles.map((h) => `/store/products/${encodeURIComponent(h)}`)
  const pagePaths = c.sample.handles.map((h) => `/p/${encodeURIComponent(h)}`)
  const phrases = searchPhrases(c.sample.titles)
  const cachedSearch = cachedSearchPaths(phrases)
  const unique = uniqueSearchQueries(phrases)
  const repeats = repeatTracker()
  const SEARCH_KEYS = 'c:store:products?*q=*'
  let searchKeysBefore: number | undefined
  const primed = (paths: readonly string[]) => async () => {
    const { status } = await prime(c.crestUrl, paths)
    const bad = Object.entries(status).filter(([s]) => s !== '200')
    return bad.length ? { note: `priming answered ${bad.map(([s, n]) => `${n}× ${s}`).join(', ')}` } : undefined
  }

  const first: Scenario[] = [
    hello('start'),
    {
      kind: 'product-list',
      name: 'product-list',
      description: 'GET /store/products?limit=20 — one URL, a response-cache hit after the first request',
      connections: c.connections,
      baseline: false,
      spec: { url: c.crestUrl, connections: c.connections, path: '/store/products?limit=20' },
      prepare: primed(['/store/products?limit=20']),
    },
    {
      kind: 'product-detail',
      name: 'product-detail',
      description: `GET /store/products/<handle>, cycling over ${detailPaths.length} real handles (all cached before the warm-up)`,
      connections: c.connections,
      baseline: false,
      spec: { url: c.crestUrl, connections: c.connections, path: cycle(detailPaths) },
      prepare: primed(detailPaths),
    },
    {
      kind: 'search-uncached',
      name: 'search-uncached',
      description: `GET /store/products?q=… with ${UNCACHED_CONNECTIONS} connections; every request a query string never used before in the run (1–2 real title words, limit 10–30 ≠ 20, currency varied after the first ${phrases.length * 20} queries)`,
      connections: UNCACHED_CONNECTIONS,
      baseline: false,
      spec: { url: c.crestUrl, connections: UNCACHED_CONNECTIONS, path: unique.next, onResponse: (path) => repeats.record(path) },
      prepare: async () => {
        searchKeysBefore = await c.countRedisKeys?.(SEARCH_KEYS)
        return undefined
      },
      finish: async () => {
        const s = repeats.summary()
        let computed: number | undefined
        if (c.countRedisKeys && searchKeysBefore !== undefined) {
          await new Promise((r) => setTimeout(r, 500)) // let the last fire-and-forget SETs land
          computed = (await c.countRedisKeys(SEARCH_KEYS)) - searchKeysBefore
        }
        const extra = {
          phrases: phrases.length,
          capacity: unique.capacity,
          generated: unique.issued(),
          ...s,
          ...(computed !== undefined && { serverComputed: computed }),
        }
        const repeatNote =
          s.repeats > 0
            ? `${s.repeats} repeated queries (repeat ratio ${(s.repeatRatio * 100).toFixed(2)}%)`
            : `repeat ratio 0 over ${s.responses} answered queries (warm-up included)`
        // every miss stores a new second-tier entry in Redis; requests still in flight when a run
        // stops are computed but not counted as answered, so computed may exceed answered slightly
        const serverNote = computed === undefined ? '' : `; ${computed} responses computed by the server (new Redis entries)`
        return { extra, note: repeatNote + serverNote }
      },
    },
    {
      kind: 'search-cached',
      name: 'search-cached',
      description: `GET /store/products?q=…&limit=20 cycling over a fixed set of ${cachedSearch.length} searches (cached before the warm-up)`,
      connections: c.connections,
      baseline: false,
      spec: { url: c.crestUrl, connections: c.connections, path: cycle(cachedSearch) },
      prepare: primed(cachedSearch),
    },
    {
      kind: 'product-page-html',
      name: 'product-page-html',
      description: `GET /p/<handle> (server-rendered storefront product page), cycling over ${pagePaths.length} real handles`,
      connections: c.connections,
      baseline: false,
      spec: { url: c.crestUrl, connections: c.connections, path: cycle(pagePaths) },
      prepare: async () => {
        const status = await probe(`${c.crestUrl}${pagePaths[0]}`)
        if (status === 404) return { skip: 'skipped: GET /p/<handle> answers 404 (storefront page not served yet)' }
        if (status !== 200) return { skip: `skipped: GET /p/<handle> answers ${status}` }
        return primed(pagePaths)()
      },
    },
  ]
  return { first, last: hello('end') }
}
