import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { seedDemoCatalog } from '../../src/cli/seed.ts'
import { migrate } from '../../src/platform/db/migrate.ts'
import { openPostgres } from '../../src/platform/db/open-postgres.ts'
import { openReplicas } from '../../src/platform/db/replicas/open-replicas.ts'
import { createLogger } from '../../src/platform/logging/create-logger.ts'
import { dbReplicaLagSeconds } from '../../src/platform/metrics/index.ts'
import { type PgCluster, startPgCluster } from './pg-cluster.ts'
import { type CrestNode, startCrestNode } from './replica-node.ts'

// A real primary and a real streaming replica (pg_basebackup -R) on loopback. The replica is made
// to apply each commit DELAY_MS late (recovery_min_apply_delay), so for that long a change made on
// the primary is visibly absent on the replica: a read that returns the old value came from the
// replica, one that returns the new value came from the primary.
const DELAY_MS = 3000
const DB = 'crest'

let cluster: PgCluster
let a: CrestNode
let products: { id: string; handle: string; title: string; variant_id: string }[] = []
let next = 0
/** a product no test has read through Crest yet (so no response cache holds it) */
const freshProduct = () => {
  const p = products[next++]
  if (!p) throw new Error('out of seeded products')
  return p
}

const waitFor = async (what: string, ok: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await ok()) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`timed out waiting for: ${what}`)
}

const titleOn = async (server: 'primary' | 'replica', handle: string) => {
  const [row] = await cluster.sql<{ title: string }>(cluster[server], `select title from catalog.products where handle = '${handle}'`, DB)
  return row?.title
}
/** a change Crest does not know about: straight into the primary */
const retitleBehindCrestsBack = (handle: string, title: string) =>
  cluster.sql(cluster.primary, `update catalog.products set title = '${title}' where handle = '${handle}'`, DB)

const storeTitle = async (node: CrestNode, handle: string, headers: Record<string, string> = {}) => {
  const r = await node.built.app.inject({ url: `/store/products/${handle}`, headers })
  expect(r.statusCode).toBe(200)
  return (r.json() as { product: { title: string } }).product.title
}

const replicaOf = (node: CrestNode) => node.engines.replicas.nodes[0] as (typeof node.engines.replicas.nodes)[number]

beforeAll(async () => {
  cluster = await startPgCluster()
  await cluster.sql(cluster.primary, `create database ${DB}`)
  const setup = await openPostgres(cluster.primary.url(DB), 2)
  await migrate(setup)
  await setup.close()
  a = await startCrestNode(cluster, DB)
  await seedDemoCatalog(a.built.modules, { products: 24 })
  products = await cluster.sql(
    cluster.primary,
    `select p.id, p.handle, p.title, min(v.id) as variant_id from catalog.products p join catalog.variants v on v.product_id = p.id
     where p.status = 'published' group by p.id order by p.handle`,
    DB,
  )
  await cluster.waitForReplay()
  await waitFor('the replica in rotation', () => replicaOf(a).state.inRotation, 5_000)
  await a.staffAuth() // created up front: password hashing is slow next to the replica's delay
}, 180_000)

afterAll(async () => {
  await a?.close()
  await cluster?.stop()
})

describe('with a replica that applies commits late', () => {
  beforeAll(() => cluster.setApplyDelay(DELAY_MS))

  test('product detail and product lists are read from the replica', async () => {
    const p = freshProduct()
    await retitleBehindCrestsBack(p.handle, 'Changed on the primary only')
    expect(await storeTitle(a, p.handle)).toBe(p.title)
    const list = await a.built.app.inject({ url: '/store/products?limit=100&sort=newest' })
    const listed = (list.json() as { products: { handle: string; title: string }[] }).products.find((x) => x.handle === p.handle)
    expect(listed?.title).toBe(p.title)
    // staff screens read the primary
    const admin = await a.built.app.inject({ url: `/admin/products/${p.id}`, headers: await a.staffAuth() })
    expect((admin.json() as { product: { title: string } }).product.title).toBe('Changed on the primary only')
    // the primary had the new title all along, and the replica still lacks it: the store reads above came from the replica
    expect(await titleOn('primary', p.handle)).toBe('Changed on the primary only')
    expect(await titleOn('replica', p.handle)).toBe(p.title)
  })

  test('a cart prices from the primary even while the replica is in rotation', async () => {
    const p = freshProduct()
    await retitleBehindCrestsBack(p.handle, 'Cart reads the primary')
    const cart = await a.built.app.inject({ method: 'POST', url: '/store/carts', payload: {} })
    expect(cart.statusCode).toBe(201)
    const id = (cart.json() as { cart: { id: string } }).cart.id
    const added = await a.built.app.inject({
      method: 'POST',
      url: `/store/carts/${id}/items`,
      payload: { variant_id: p.variant_id, quantity: 1 },
    })
    expect(added.statusCode).toBe(200)
    expect((added.json() as { cart: { items: { product_title: string }[] } }).cart.items[0]?.product_title).toBe('Cart reads the primary')
    expect(replicaOf(a).state.inRotation).toBe(true)
    expect(await titleOn('replica', p.handle)).toBe(p.title)
  })

  test('a staff change through the admin API is read back at once, by staff and shoppers, though the replica lacks it', async () => {
    const p = freshProduct()
    expect(await storeTitle(a, p.handle)).toBe(p.title) // cached now, from the replica
    const auth = await a.staffAuth()
    const patched = await a.built.app.inject({
      method: 'PATCH',
      url: `/admin/products/${p.id}`,
      headers: auth,
      payload: { title: 'Renamed by staff' },
    })
    expect(patched.statusCode).toBe(200)
    expect(patched.headers['crest-read-after']).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/)
    expect(await storeTitle(a, p.handle)).toBe('Renamed by staff')
    const admin = await a.built.app.inject({ url: `/admin/products/${p.id}`, headers: auth })
    expect((admin.json() as { product: { title: string } }).product.title).toBe('Renamed by staff')
    expect(await titleOn('replica', p.handle)).toBe(p.title) // fresh because of routing, not luck
    expect(replicaOf(a).state.inRotation).toBe(true)
  })

  test('in another process, the writer reads its own write through the cookie the write set', async () => {
    const b = await startCrestNode(cluster, DB)
    try {
      await waitFor('the replica in rotation on b', () => replicaOf(b).state.inRotation, 5_000)
      const [mine, theirs] = [freshProduct(), freshProduct()]
      const auth = await a.staffAuth()
      const write = async (id: string) => {
        const r = await a.built.app.inject({
          method: 'PATCH',
          url: `/admin/products/${id}`,
          headers: auth,
          payload: { title: 'Written on a' },
        })
        expect(r.statusCode).toBe(200)
        const cookie = String([r.headers['set-cookie']].flat()[0]).split(';')[0] as string
        expect(cookie).toMatch(/^crest_read_after=[0-9A-F]+\/[0-9A-F]+$/)
        return cookie
      }
      const cookie = await write(mine.id)
      expect(await storeTitle(b, mine.handle, { cookie })).toBe('Written on a')
      await write(theirs.id)
      // someone else, on a process that did not see the write and without Redis to share it: the replica's (older) copy
      expect(await storeTitle(b, theirs.handle)).toBe(theirs.title)
      expect(await titleOn('replica', mine.handle)).toBe(mine.title)
    } finally {
      await b.close()
    }
  })

  test('a replica further behind than the bound leaves rotation (lag by WAL position), and returns when it catches up', async () => {
    const logger = createLogger('silent')
    const strict = await openReplicas(
      a.engines.db,
      { urls: [cluster.replica.url(DB)], poolSize: 2, maxLagSeconds: 0.5, checkIntervalMs: 100 },
      logger,
    )
    try {
      const r = strict.nodes[0] as (typeof strict.nodes)[number]
      await waitFor('in rotation while the primary is idle', () => r.state.inRotation, 5_000)
      const lagGauge = async () => (await dbReplicaLagSeconds.get()).values.find((v) => v.labels.replica === r.name)?.value ?? -1
      // a stream of writes the replica applies DELAY_MS late
      let writing = true
      const writer = (async () => {
        for (let i = 0; i < 60 && writing; i++) {
          await cluster.sql(
            cluster.primary,
            `update catalog.products set updated_at = updated_at where handle = '${products[0]?.handle}'`,
            DB,
          )
          await new Promise((res) => setTimeout(res, 100))
        }
      })()
      await waitFor('out of rotation for lag', () => r.state.reason === 'lagging', 5_000)
      expect(r.state.lagSeconds).toBeGreaterThan(0.5)
      expect(await lagGauge()).toBeGreaterThan(0.5)
      writing = false
      await writer
      await cluster.setApplyDelay(0)
      await waitFor('back in rotation once caught up', () => r.state.inRotation && r.state.lagSeconds === 0, 5_000)
      expect(await lagGauge()).toBe(0)
      // idle primary: the replay timestamp ages, yet the replica is not behind at all
      await new Promise((res) => setTimeout(res, 1_500))
      const [aged] = await cluster.sql<{ s: number }>(
        cluster.replica,
        'select extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as s',
        DB,
      )
      expect(aged?.s).toBeGreaterThan(1)
      expect(r.state.inRotation).toBe(true)
      expect(r.state.lagSeconds).toBe(0)
    } finally {
      await strict.close()
      await cluster.setApplyDelay(DELAY_MS)
    }
  })
})

describe('with a paused replica', () => {
  beforeAll(async () => {
    await cluster.setApplyDelay(0)
    await cluster.waitForReplay()
  })

  test('it leaves rotation within the bound, reads keep working from the primary, read-your-writes holds, and it returns when resumed', async () => {
    const r = replicaOf(a)
    await waitFor('in rotation', () => r.state.inRotation, 5_000)
    await cluster.sql(cluster.replica, 'select pg_wal_replay_pause()')
    const paused = Date.now()
    await waitFor('out of rotation', () => !r.state.inRotation, a.config.DATABASE_REPLICA_MAX_LAG_SECONDS * 1000)
    expect(r.state.reason).toBe('paused')
    expect(Date.now() - paused).toBeLessThan(a.config.DATABASE_REPLICA_MAX_LAG_SECONDS * 1000)

    const p = freshProduct()
    await retitleBehindCrestsBack(p.handle, 'Read from the primary')
    expect(await storeTitle(a, p.handle)).toBe('Read from the primary')
    expect(await titleOn('replica', p.handle)).toBe(p.title)

    const q = freshProduct()
    const auth = await a.staffAuth()
    const patched = await a.built.app.inject({
      method: 'PATCH',
      url: `/admin/products/${q.id}`,
      headers: auth,
      payload: { title: 'Written while paused' },
    })
    expect(patched.statusCode).toBe(200)
    expect(await storeTitle(a, q.handle)).toBe('Written while paused')

    await cluster.sql(cluster.replica, 'select pg_wal_replay_resume()')
    await waitFor('back in rotation', () => r.state.inRotation, 5_000)
    // and reads use it again once it has the staff change (until then they must not): a change it has not applied yet is not seen
    await cluster.waitForReplay()
    await cluster.setApplyDelay(DELAY_MS)
    const s = freshProduct()
    await retitleBehindCrestsBack(s.handle, 'Not on the replica yet')
    expect(await storeTitle(a, s.handle)).toBe(s.title)
  })
})

describe('with the replica down', () => {
  test('/readyz stays ready and catalog reads come from the primary', async () => {
    const r = replicaOf(a)
    await cluster.stopReplica()
    await waitFor('out of rotation', () => r.state.reason === 'unreachable', 10_000)
    const ready = await a.built.app.inject({ url: '/readyz' })
    expect(ready.statusCode).toBe(200)
    const p = freshProduct()
    await retitleBehindCrestsBack(p.handle, 'Replica is down')
    expect(await storeTitle(a, p.handle)).toBe('Replica is down')
    const list = await a.built.app.inject({ url: '/store/products?limit=3' })
    expect(list.statusCode).toBe(200)
  })
})

// With Redis (CI sets REDIS_URL), floors are shared: a change made through one process is not read
// stale from the replica by another process, whose cache that change just invalidated through Redis.
const redisCases = process.env.REDIS_URL ? ['several processes sharing Redis'] : []
for (const title of redisCases)
  describe(title, () => {
    test("one process's catalog change is read fresh by another, without a cookie, though the replica lacks it", async () => {
      await cluster.startReplica()
      await cluster.setApplyDelay(DELAY_MS)
      const shared = { REDIS_URL: process.env.REDIS_URL as string, REDIS_PREFIX: `crest-test:replicas:${Date.now().toString(36)}:` }
      const [x, y] = [await startCrestNode(cluster, DB, shared), await startCrestNode(cluster, DB, shared)]
      try {
        await waitFor('the replica in rotation', () => replicaOf(x).state.inRotation && replicaOf(y).state.inRotation, 10_000)
        const p = freshProduct()
        expect(await storeTitle(y, p.handle)).toBe(p.title) // cached by y, from the replica
        const r = await x.built.app.inject({
          method: 'PATCH',
          url: `/admin/products/${p.id}`,
          headers: await x.staffAuth(),
          payload: { title: 'Changed through x' },
        })
        expect(r.statusCode).toBe(200)
        expect(await storeTitle(y, p.handle)).toBe('Changed through x')
        expect(await titleOn('replica', p.handle)).toBe(p.title)
      } finally {
        await x.close()
        await y.close()
      }
    })
  })
