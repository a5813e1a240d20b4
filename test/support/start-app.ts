import { randomBytes } from 'node:crypto'
import { type BuiltApp, buildApp, type Engines, type Modules } from '../../src/app.ts'
import { seedDemoCatalog } from '../../src/cli/seed.ts'
import { openCache } from '../../src/platform/cache/open-cache.ts'
import { type Config, loadConfig } from '../../src/platform/config/load-config.ts'
import { createLogger } from '../../src/platform/logging/create-logger.ts'
import { createTestDatabase, type EngineKind } from './test-database.ts'

export type TestApp = {
  readonly url: string
  readonly app: BuiltApp['app']
  readonly modules: Modules
  readonly engines: Engines
  readonly config: Config
  readonly close: () => Promise<void>
}

export type TestAppOptions = {
  readonly seedProducts?: number
  readonly engine?: EngineKind
  /** use the Redis tier (REDIS_URL must be set) */
  readonly redis?: boolean
  readonly env?: Record<string, string>
  readonly listen?: boolean
}

/** The real app on real engines, listening on a free loopback port, with a seeded demo catalog. */
export const startTestApp = async (o: TestAppOptions = {}): Promise<TestApp> => {
  const db = await createTestDatabase(o.engine ?? 'pglite')
  const config = loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    // latency-aware shedding answers 503 when answers get slow, and a test machine running the
    // whole suite is slow: tests that are about shedding switch it on themselves
    SHED_LATENCY_TARGET_MS: '0',
    ...(o.redis && process.env.REDIS_URL
      ? { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: `crest-test:${randomBytes(6).toString('hex')}:` }
      : {}),
    ...o.env,
  })
  const logger = createLogger(config.LOG_LEVEL)
  const cache = openCache(config)
  const engines: Engines = { db, cache, logger }
  const built = await buildApp(config, engines)
  if (o.seedProducts) await seedDemoCatalog(built.modules, { products: o.seedProducts })
  let url = ''
  if (o.listen !== false) {
    await built.app.listen({ port: 0, host: '127.0.0.1' })
    const address = built.app.server.address()
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  } else {
    await built.app.ready()
  }
  return {
    url,
    app: built.app,
    modules: built.modules,
    engines,
    config,
    close: async () => {
      // a request still open when a file's tests end (seen: the admin browser test's app, now and then) must not
      // hold the close until the hook times out: after 5 s its connection is cut
      const cut = setTimeout(() => built.app.server.closeAllConnections(), 5_000)
      await built.app.close()
      clearTimeout(cut)
      await cache.close()
      await db.close()
    },
  }
}

/** Creates a staff user and returns a bearer token for it. */
export const staffToken = async (t: TestApp, role: 'owner' | 'admin' = 'owner'): Promise<string> => {
  const email = `staff-${randomBytes(4).toString('hex')}@example.test`
  const created = await t.modules.staff.createUser({ email, password: 'correct horse battery', role })
  if (!created.ok) throw new Error(created.error.message)
  const r = await t.modules.staff.issueToken({ email, password: 'correct horse battery' })
  if (!r.ok) throw new Error(r.error.message)
  return r.value.token
}
