import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { Redis } from 'ioredis'
import pg from 'pg'
import type { Env } from './processes.ts'

/** Where the server under test keeps its state for one run, and how to remove it afterwards. */
export type BenchEnvironment = {
  /** environment variables for crest migrate / seed / serve */
  readonly env: Env
  /** e.g. "PostgreSQL 15.4 …" or "PGlite 0.5.x (PostgreSQL 17 in WASM)" */
  readonly engineVersion: () => Promise<string>
  /** ANALYZE every table (what autovacuum does on a production server shortly after a bulk load) */
  readonly analyze: () => Promise<void>
  readonly cacheTier: string
  readonly describe: string
  /** with Redis: how many keys of this run match a pattern (after the run's own prefix) */
  readonly countRedisKeys?: (match: string) => Promise<number>
  /** the PostgreSQL database's name (its backends' CPU is counted as "postgres") */
  readonly databaseName?: string
  readonly cleanup: () => Promise<void>
}

/** A short-lived connection for one piece of bench bookkeeping. */
export const withClient = async <T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

const redact = (url: string) => {
  const u = new URL(url)
  if (u.password) u.password = '***'
  return u.toString()
}

/** Visits every Redis key matching a pattern (SCAN, bounded). */
const scanKeys = async (redisUrl: string, match: string, visit: (redis: Redis, keys: string[]) => Promise<unknown>) => {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 5000 })
  try {
    await redis.connect()
    let cursor = '0'
    let rounds = 0
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000)
      if (keys.length) await visit(redis, keys)
      cursor = next
    } while (cursor !== '0' && ++rounds < 100_000)
  } finally {
    redis.disconnect()
  }
}

/** Deletes every Redis key under the run's own prefix (the prefix is unique to the run). */
const clearRedisPrefix = (redisUrl: string, prefix: string) => scanKeys(redisUrl, `${prefix}*`, (redis, keys) => redis.unlink(...keys))

const redisKeyCounter = (redisUrl: string, prefix: string) => async (match: string) => {
  let n = 0
  await scanKeys(redisUrl, `${prefix}${match}`, async (_redis, keys) => {
    n += keys.length
  })
  return n
}

const pgliteVersion = async (): Promise<string> => {
  const pkg = JSON.parse(readFileSync(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const db = await PGlite.create()
  try {
    const r = await db.query<{ v: string }>('select version() as v')
    return `PGlite ${pkg.version} (${(r.rows[0]?.v ?? '').split(' on ')[0]} in WASM, in the server process)`
  } finally {
    await db.close()
  }
}

type Setup = { engine: 'postgres' | 'pglite'; databaseUrl: string | undefined; redisUrl: string | undefined; redis: boolean }

/** A fresh database (PostgreSQL: crest_bench_<random>; PGlite: a temp DATA_DIR) and a run-private Redis prefix. */
export const createBenchEnvironment = async (o: Setup, say: (line: string) => void): Promise<BenchEnvironment> => {
  const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const redisPrefix = `crest-bench-${suffix}:`
  const cacheTier = o.redis ? `in-process LRU + Redis (${new URL(o.redisUrl as string).host})` : 'in-process LRU only'
  const base: Env = {
    ...process.env,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    // the benches' owner signs in with a password alone (production otherwise demands TOTP: docs/staff-security.md)
    STAFF_MFA: 'optional',
    // production requires the key that encrypts TOTP secrets; a fresh one per run
    STAFF_SECRET_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: '',
    REDIS_URL: o.redis ? o.redisUrl : '',
    REDIS_PREFIX: redisPrefix,
  }
  const counter = o.redis ? { countRedisKeys: redisKeyCounter(o.redisUrl as string, redisPrefix) } : {}
  const clearRedis = async () => {
    if (o.redis)
      await clearRedisPrefix(o.redisUrl as string, redisPrefix).catch((e) =>
        say(`warning: could not clear Redis keys ${redisPrefix}*: ${(e as Error).message}`),
      )
  }

  if (o.engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'crest-bench-'))
    say(`PGlite data directory ${dir}`)
    return {
      env: { ...base, DATA_DIR: dir },
      engineVersion: pgliteVersion,
      analyze: async () => {
        // the seed process has exited, so the data directory is free; serve has not started yet
        const { openPglite } = await import('../src/platform/db/open-pglite.ts')
        const db = await openPglite(dir)
        try {
          await db.orm.execute(sql`analyze`)
        } finally {
          await db.close()
        }
      },
      cacheTier,
      ...counter,
      describe: `PGlite in ${dir}`,
      cleanup: async () => {
        rmSync(dir, { recursive: true, force: true })
        await clearRedis()
      },
    }
  }

  const adminUrl = o.databaseUrl as string
  const name = `crest_bench_${suffix}`
  await withClient(adminUrl, (c) => c.query(`create database ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  say(`created database ${name} on ${url.host}`)
  let dropped = false
  return {
    env: { ...base, DATABASE_URL: url.toString() },
    engineVersion: () => withClient(url.toString(), async (c) => (await c.query<{ v: string }>('select version() as v')).rows[0]?.v ?? '?'),
    analyze: async () => {
      await withClient(url.toString(), (c) => c.query('analyze'))
    },
    cacheTier,
    ...counter,
    describe: `PostgreSQL database ${name} (${redact(url.toString())})`,
    databaseName: name,
    cleanup: async () => {
      if (!dropped) {
        dropped = true
        await withClient(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`))
        say(`dropped database ${name}`)
      }
      await clearRedis()
    },
  }
}
