import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { crest, type ServeProcess, startServe } from '../support/crest-process.ts'
import { createTestDatabase } from '../support/test-database.ts'

const servicesSet = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL)

/** Needs a real PostgreSQL and Redis shared by two processes; .ci/run sets DATABASE_URL and REDIS_URL. */
describe.skipIf(!servicesSet)('two crest serve processes sharing PostgreSQL and Redis', () => {
  let a: ServeProcess
  let b: ServeProcess
  let closeDb: () => Promise<void>
  let auth: Record<string, string>

  beforeAll(async () => {
    const db = await createTestDatabase('postgres')
    closeDb = db.close
    const env = {
      DATABASE_URL: db.url as string,
      REDIS_URL: process.env.REDIS_URL as string,
      REDIS_PREFIX: `crest-2p-${randomBytes(4).toString('hex')}:`,
    }
    await crest(['seed', '--products', '40'], env)
    await crest(['user', 'create', '--email', 'owner@example.test', '--password', 'correct horse battery', '--role', 'owner'], env)
    ;[a, b] = await Promise.all([startServe(env), startServe(env)])
    const r = await fetch(`${a.url}/admin/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.test', password: 'correct horse battery' }),
    })
    auth = { authorization: `Bearer ${(await r.json()).token}`, 'content-type': 'application/json' }
  }, 180_000)

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await closeDb?.()
  })

  const json = async (url: string, init?: RequestInit) => {
    const r = await fetch(url, init)
    return { status: r.status, body: await r.json(), etag: r.headers.get('etag') }
  }

  test('a change made through one process is visible on the very next request to the other', async () => {
    const { products } = (await json(`${a.url}/store/products?limit=5`)).body
    for (let round = 0; round < 10; round++) {
      const p = products[round % products.length]
      const [writer, reader] = round % 2 === 0 ? [a, b] : [b, a]
      // warm both processes' caches with the current version
      await json(`${reader.url}/store/products/${p.handle}`)
      await json(`${reader.url}/store/products?limit=5`)
      const title = `Changed title ${round} ${randomBytes(3).toString('hex')}`
      const patched = await json(`${writer.url}/admin/products/${p.id}`, {
        method: 'PATCH',
        headers: auth,
        body: JSON.stringify({ title }),
      })
      expect(patched.status).toBe(200)
      expect((await json(`${reader.url}/store/products/${p.handle}`)).body.product.title).toBe(title)
      const list = (await json(`${reader.url}/store/products?limit=5`)).body.products
      expect(list.find((x: { id: string }) => x.id === p.id)?.title).toBe(title)
    }
  })

  test('price and stock changes cross processes too', async () => {
    const { products } = (await json(`${b.url}/store/products?limit=1`)).body
    const p = products[0]
    const v = p.variants[0]
    await json(`${b.url}/store/products/${p.handle}`)
    const amount = 4321
    const repriced = await json(`${a.url}/admin/variants/${v.id}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ prices: [{ amount, currency: 'EUR' }] }),
    })
    expect(repriced.status).toBe(200)
    expect((await json(`${b.url}/store/products/${p.handle}`)).body.product.variants[0].price.amount).toBe(amount)
    const stocked = await json(`${a.url}/admin/inventory/${v.id}`, { method: 'PUT', headers: auth, body: JSON.stringify({ on_hand: 3 }) })
    expect(stocked.status).toBe(200)
    const expected = stocked.body.levels.reduce((n: number, l: { on_hand: number; reserved: number }) => n + l.on_hand - l.reserved, 0)
    expect((await json(`${b.url}/store/products/${p.handle}`)).body.product.variants[0].available).toBe(expected)
  })
})
