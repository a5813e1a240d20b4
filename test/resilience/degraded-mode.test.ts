import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type BuiltApp, buildApp, type Engines } from '../../src/app.ts'
import { seedDemoCatalog } from '../../src/cli/seed.ts'
import { openCache } from '../../src/platform/cache/open-cache.ts'
import { loadConfig } from '../../src/platform/config/load-config.ts'
import { openPostgres } from '../../src/platform/db/open-postgres.ts'
import { createLogger } from '../../src/platform/logging/create-logger.ts'
import { type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { type FaultProxy, startFaultProxy } from '../support/tcp-fault-proxy.ts'
import { createTestDatabase } from '../support/test-database.ts'

const servicesSet = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL)

type Running = { url: string; built: BuiltApp; engines: Engines; close: () => Promise<void> }

/** The real app with its PostgreSQL and Redis reached through fault proxies, so the test can take them down. */
const startApp = async (databaseUrl: string, redisUrl: string, prefix: string, gateway: string): Promise<Running> => {
  const config = loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    PAYMENT_GATEWAYS: `sandbox=sandbox@${gateway}`,
  })
  const engines: Engines = { db: await openPostgres(databaseUrl, 5), cache: openCache(config), logger: createLogger(config.LOG_LEVEL) }
  const built = await buildApp(config, engines)
  await built.app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(built.app.server.address() as { port: number }).port}`
  return {
    url,
    built,
    engines,
    close: async () => {
      await built.app.close()
      await engines.cache.close()
      await engines.db.close()
    },
  }
}

const through = (url: string, port: number) => {
  const u = new URL(url)
  u.hostname = '127.0.0.1'
  u.port = String(port)
  return u.toString()
}

const waitFor = async (what: string, ok: () => Promise<boolean>, ms = 15_000) => {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (await ok().catch(() => false)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}

const ADDRESS = { name: 'Ada', line1: 'Storgata 1', city: 'Oslo', postal_code: '0155', country: 'NO' }

/** Needs a real PostgreSQL and Redis (.ci/run sets DATABASE_URL and REDIS_URL). */
describe.skipIf(!servicesSet)('degraded mode: the primary database or Redis unreachable', () => {
  let dbProxy: FaultProxy
  let redisProxy: FaultProxy
  let closeDb: () => Promise<void>
  let a: Running
  let b: Running
  let token: string
  let sandbox: SandboxPayments
  const prefix = `crest-degraded-${randomBytes(4).toString('hex')}:`

  beforeAll(async () => {
    const db = await createTestDatabase('postgres')
    closeDb = db.close
    const pg = new URL(db.url as string)
    const redis = new URL(process.env.REDIS_URL as string)
    dbProxy = await startFaultProxy({ host: pg.hostname, port: Number(pg.port || 5432) })
    redisProxy = await startFaultProxy({ host: redis.hostname, port: Number(redis.port || 6379) })
    const redisUrl = through(process.env.REDIS_URL as string, redisProxy.port)
    sandbox = await startSandboxPayments({ port: 0, host: '127.0.0.1' })
    a = await startApp(through(db.url as string, dbProxy.port), redisUrl, prefix, sandbox.url)
    b = await startApp(db.url as string, process.env.REDIS_URL as string, prefix, sandbox.url) // a second process, on its own path
    await seedDemoCatalog(a.built.modules, { products: 6 })
    const email = 'owner@example.test'
    await a.built.modules.staff.createUser({ email, password: 'correct horse battery', role: 'owner' })
    const t = await a.built.modules.staff.issueToken({ email, password: 'correct horse battery' })
    if (!t.ok) throw new Error(t.error.message)
    token = t.value.token
  }, 120_000)

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()])
    await dbProxy?.close()
    await redisProxy?.close()
    await sandbox?.close()
    await closeDb?.()
  })

  const json = async (base: string, path: string, init: RequestInit = {}) => {
    const r = await fetch(`${base}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } })
    const text = await r.text()
    return { status: r.status, headers: r.headers, body: text.startsWith('{') ? JSON.parse(text) : text }
  }

  const cartReadyForCheckout = async () => {
    const list = (await json(a.url, '/store/products?limit=3')).body as { products: { handle: string; variants: { id: string }[] }[] }
    const variant = list.products[0]?.variants[0]?.id as string
    const cart = (await json(a.url, '/store/carts', { method: 'POST', body: '{}' })).body.cart.id as string
    expect(
      (await json(a.url, `/store/carts/${cart}/items`, { method: 'POST', body: JSON.stringify({ variant_id: variant, quantity: 1 }) }))
        .status,
    ).toBe(200)
    const options = (await json(a.url, `/store/carts/${cart}/shipping-options?country=NO`)).body.shipping_options as { id: string }[]
    return { cart, handles: list.products.map((p) => p.handle), shippingOptionId: options[0]?.id as string }
  }

  test('catalog from cache with a notice, checkout 503 database_unavailable, a friendly page that keeps the cart, readyz back after', async () => {
    const { cart, handles, shippingOptionId } = await cartReadyForCheckout()
    const [seen, unseen] = handles as [string, string]
    expect((await json(a.url, `/store/products/${seen}`)).status).toBe(200)
    expect((await fetch(`${a.url}/`)).status).toBe(200)
    expect((await fetch(`${a.url}/p/${seen}`)).status).toBe(200)
    await a.built.modules.catalog.invalidateVariants([]) // nothing: the cached entries stay as they are

    await dbProxy.cut()
    await waitFor('readyz to turn 503', async () => (await fetch(`${a.url}/readyz`)).status === 503)
    // the breaker opens on the first failed probe (each second) or request
    await waitFor(
      'the notice',
      async () => (await json(a.url, `/store/products/${seen}`)).headers.get('x-crest-degraded') === 'database',
      5000,
    )
    const product = await json(a.url, `/store/products/${seen}`)
    expect(product.status).toBe(200)
    expect(product.headers.get('x-crest-degraded')).toBe('database')
    expect(product.headers.get('cache-control')).toBe('no-store')
    const home = await fetch(`${a.url}/p/${seen}`)
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('crest-degraded-notice')
    const missing = await json(a.url, `/store/products/${unseen}?currency=USD`)
    expect(missing.status).toBe(503)
    expect(missing.body.error.code).toBe('database_unavailable')

    const checkout = await json(a.url, `/store/carts/${cart}/checkout`, {
      method: 'POST',
      body: JSON.stringify({
        email: 'ada@example.test',
        shipping_address: ADDRESS,
        shipping_option_id: shippingOptionId,
        payment: { provider: 'sandbox', token: 'tok_ok' },
      }),
    })
    expect(checkout.status).toBe(503)
    expect(checkout.body.error.code).toBe('database_unavailable')
    expect(Number(checkout.headers.get('retry-after'))).toBeGreaterThan(0)

    const page = await fetch(`${a.url}/checkout`, {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: `crest_cart=${cart}`, origin: a.url },
      body: new URLSearchParams({ email: 'ada@example.test', action: 'place' }).toString(),
    })
    expect(page.status).toBe(503)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('retry-after')).toBe('5')
    expect(await page.text()).toContain('Your cart is kept')
    expect(page.headers.get('set-cookie') ?? '').not.toMatch(/crest_cart=/)
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200)
    expect((await json(a.url, '/admin/maintenance', { headers: { authorization: `Bearer ${token}` } })).status).not.toBe(404)

    await dbProxy.restore()
    await waitFor('readyz to turn 200 again', async () => (await fetch(`${a.url}/readyz`)).status === 200)
    await waitFor(
      'the breaker to close',
      async () => (await json(a.url, `/store/products/${seen}`)).headers.get('x-crest-degraded') === null,
    )
    const placed = await json(a.url, `/store/carts/${cart}/checkout`, {
      method: 'POST',
      body: JSON.stringify({
        email: 'ada@example.test',
        shipping_address: ADDRESS,
        shipping_option_id: shippingOptionId,
        payment: { provider: 'sandbox', token: 'tok_ok' },
      }),
    })
    expect(placed.status).toBe(201) // the same cart: it was kept
  }, 60_000)

  test('Redis unreachable: ready but degraded, and checkout still goes through the database', async () => {
    const { cart, shippingOptionId } = await cartReadyForCheckout()
    await redisProxy.cut()
    await waitFor('readyz to say degraded', async () => (await json(a.url, '/readyz')).body.status === 'degraded')
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200)
    const placed = await json(a.url, `/store/carts/${cart}/checkout`, {
      method: 'POST',
      body: JSON.stringify({
        email: 'ada@example.test',
        shipping_address: ADDRESS,
        shipping_option_id: shippingOptionId,
        payment: { provider: 'sandbox', token: 'tok_ok' },
      }),
    })
    expect(placed.status, JSON.stringify(placed.body)).toBe(201)
    expect((await json(a.url, '/store/products?limit=2')).status).toBe(200)
    await redisProxy.restore()
    await waitFor('readyz ready again', async () => (await json(a.url, '/readyz')).body.status === 'ready')
  }, 60_000)

  test('the maintenance switch reaches every process through Redis; staff and health stay reachable', async () => {
    const auth = { authorization: `Bearer ${token}` }
    const on = await json(a.url, '/admin/maintenance', {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ enabled: true, message: 'New shelves going up' }),
    })
    expect(on.status, JSON.stringify(on.body)).toBe(200)
    expect(on.body).toMatchObject({ enabled: true, message: 'New shelves going up', forced_by_env: false })
    await waitFor('the other process to follow', async () => (await fetch(`${b.url}/`)).status === 503)
    const page = await fetch(`${b.url}/`, { headers: { accept: 'text/html' } })
    expect(await page.text()).toContain('New shelves going up')
    expect(page.headers.get('retry-after')).toBe('300')
    const api = await json(b.url, '/store/products')
    expect(api.status).toBe(503)
    expect(api.body.error.code).toBe('maintenance')
    expect((await json(b.url, '/admin/maintenance', { headers: auth })).body.enabled).toBe(true)
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${b.url}/readyz`)).status).toBe(200)
    expect(
      (await json(b.url, '/admin/maintenance', { method: 'PUT', headers: auth, body: JSON.stringify({ enabled: false }) })).status,
    ).toBe(200)
    await waitFor('both to serve again', async () => (await fetch(`${a.url}/`)).status === 200 && (await fetch(`${b.url}/`)).status === 200)
  }, 60_000)
})
