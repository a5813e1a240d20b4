import { afterAll, beforeAll, expect, test } from 'vitest'
import { crest, type ServeProcess, startServe } from '../support/crest-process.ts'
import { type PgCluster, startPgCluster } from './pg-cluster.ts'

// `crest serve` as its own process, configured only through the environment, on a real primary
// and streaming replica: the boot path opens the replicas, checks them and exports their lag.
let cluster: PgCluster
let serve: ServeProcess | undefined

beforeAll(async () => {
  cluster = await startPgCluster()
  await cluster.sql(cluster.primary, 'create database crest')
}, 120_000)

afterAll(async () => {
  await serve?.stop()
  await cluster?.stop()
})

test('crest serve reads the catalog from the replica it was given and reports its lag', async () => {
  const env = {
    DATABASE_URL: cluster.primary.url('crest'),
    DATABASE_REPLICA_URLS: cluster.replica.url('crest'),
    DATABASE_REPLICA_CHECK_INTERVAL_MS: '100',
    SANDBOX_PAYMENTS_PORT: '0',
    SANDBOX_CARRIER_PORT: '0',
    REDIS_URL: '',
  }
  await crest(['seed', '--products', '8'], env)
  serve = await startServe(env)
  await cluster.waitForReplay()
  const list = await fetch(`${serve.url}/store/products?limit=8`)
  expect(list.status).toBe(200)
  const [first] = ((await list.json()) as { products: { handle: string; title: string }[] }).products
  if (!first) throw new Error('no products seeded')

  // proof of where reads go: the replica applies commits 3 s late, so a change made straight on
  // the primary is still absent there, and an uncached read through crest returns the old title
  await cluster.setApplyDelay(3000)
  await cluster.sql(cluster.primary, `update catalog.products set title = 'Only on the primary' where handle = '${first.handle}'`, 'crest')
  const page = await fetch(`${serve.url}/store/products/${first.handle}`)
  expect(((await page.json()) as { product: { title: string } }).product.title).toBe(first.title)

  const metrics = await (await fetch(`${serve.url}/metrics`)).text()
  expect(metrics).toMatch(new RegExp(`db_replica_lag_seconds\\{replica="127\\.0\\.0\\.1:${cluster.replica.port}/crest"\\} [0-9.e+-]+`))
  expect((await fetch(`${serve.url}/readyz`)).status).toBe(200)
})
