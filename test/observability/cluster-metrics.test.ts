import { spawnSync } from 'node:child_process'
import { get } from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { crest, type ServeProcess, startServe } from '../support/crest-process.ts'
import { createTestDatabase } from '../support/test-database.ts'
import { find, parseSamples, sumOf } from './prometheus-text.ts'

const childrenOf = (pid: number): number[] =>
  spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0)

/** A GET on a new connection each time, so the primary hands requests to every worker in turn. */
const freshGet = (url: string): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = get(url, { agent: false, timeout: 10_000 }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
  })

describe.runIf(Boolean(process.env.DATABASE_URL))('crest serve --workers 2: /metrics covers every worker', () => {
  let serve: ServeProcess
  let db: Awaited<ReturnType<typeof createTestDatabase>>
  beforeAll(async () => {
    db = await createTestDatabase('postgres')
    await crest(['migrate'], { DATABASE_URL: db.url as string })
    serve = await startServe({ DATABASE_URL: db.url as string, REDIS_URL: '', SEED_PRODUCTS: '0', LOG_LEVEL: 'info' }, 120_000, [
      '--workers',
      '2',
    ])
    // a scrape needs every worker to answer the primary: wait until both have taken the port
    const listening = () => serve.output().split('serve worker listening').length - 1
    const deadline = Date.now() + 120_000
    while ((childrenOf(serve.child.pid as number).length < 2 || listening() < 2) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100))
  }, 180_000)
  afterAll(async () => {
    await serve?.stop()
    await db?.close()
  })

  test('request counts are summed over the workers, whichever worker takes the scrape', async () => {
    expect(childrenOf(serve.child.pid as number)).toHaveLength(2)
    expect(serve.output().split('serve worker listening')).toHaveLength(3)
    for (let i = 0; i < 20; i++) expect((await freshGet(`${serve.url}/healthz`)).status).toBe(200)
    for (let i = 0; i < 4; i++) {
      const r = await freshGet(`${serve.url}/metrics`)
      expect(r.status, `${r.body}\n${serve.output().slice(-3000)}`).toBe(200)
      const samples = parseSamples(r.body)
      expect(sumOf(samples, 'http_server_request_duration_seconds_count', { route: '/healthz', method: 'GET', status_class: '2xx' })).toBe(
        20,
      )
      // both workers' registries are in it: each has a pool of DATABASE_POOL_SIZE (10), summed
      expect(sumOf(samples, 'db_client_connection_max', { pool_name: 'primary' })).toBe(2 * 10)
      // shared-state gauges keep one reading (max), not one per worker
      expect(find(samples, 'crest_outbox_lag_seconds')).toHaveLength(1)
    }
  }, 60_000)
})
