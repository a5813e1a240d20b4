import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'

const newProduct = (handle: string) => ({
  handle,
  title: `Test Lantern ${handle}`,
  description: 'A sturdy lantern for tests.',
  variants: [
    {
      sku: `SKU-${handle}-A`,
      title: 'Small',
      options: { Size: 'S' },
      prices: [
        { amount: 1999, currency: 'EUR' },
        { amount: 2199, currency: 'USD' },
      ],
    },
    { sku: `SKU-${handle}-B`, title: 'Large', options: { Size: 'L' }, prices: [{ amount: 2999, currency: 'EUR' }] },
  ],
})

describe.each(engineKinds())('admin catalog and HTTP caching on %s', (engine) => {
  let t: TestApp
  let auth: Record<string, string>
  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const r = await t.app.inject({
      method,
      url,
      headers: { ...auth, ...headers },
      ...(payload !== undefined && { payload: payload as object }),
    })
    return { status: r.statusCode, body: r.body ? r.json() : null, headers: r.headers }
  }
  const store = async (url: string, headers: Record<string, string> = {}) => {
    const r = await t.app.inject({ method: 'GET', url, headers })
    return { status: r.statusCode, body: r.statusCode === 304 ? null : r.json(), headers: r.headers }
  }

  beforeAll(async () => {
    t = await startTestApp({ engine, redis: engine === 'postgres', seedProducts: 20, listen: false })
    auth = { authorization: `Bearer ${await staffToken(t)}` }
  })
  afterAll(() => t?.close())

  test('admin endpoints refuse a missing or wrong token', async () => {
    for (const headers of [{ authorization: '' }, { authorization: 'Bearer nope' }, { authorization: 'Basic abc' }]) {
      const r = await call('POST', '/admin/products', newProduct('refused'), headers)
      expect(r.status).toBe(401)
      expect(r.body.error.code).toBe('unauthorized')
    }
    const bad = await t.app.inject({ method: 'POST', url: '/admin/auth/token', payload: { email: 'x@y.z', password: 'wrong' } })
    expect(bad.statusCode).toBe(401)
    expect(bad.json().error.code).toBe('invalid_credentials')
    expect((await store('/store/products/test-lantern-refused')).status).toBe(404)
  })

  test('a created product, price change, stock change and delete show on the very next store request', async () => {
    const before = await store('/store/products?limit=100')
    const created = await call('POST', '/admin/products', newProduct('lantern-1'))
    expect(created.status).toBe(201)
    const { product } = created.body
    expect(product.variants).toHaveLength(2)
    expect((await store('/store/products/lantern-1')).body.product.title).toBe('Test Lantern lantern-1')
    expect((await store('/store/products?limit=100')).body.products.length).toBe(before.body.products.length + 1)

    const warm = await store('/store/products/lantern-1')
    const variantId = product.variants[0].id
    expect((await call('PATCH', `/admin/variants/${variantId}`, { prices: [{ amount: 1499, currency: 'EUR' }] })).status).toBe(200)
    const repriced = await store('/store/products/lantern-1')
    expect(repriced.body.product.variants[0].price).toEqual({ amount: 1499, currency: 'EUR' })
    expect(repriced.headers.etag).not.toBe(warm.headers.etag)

    const stocked = await call('PUT', `/admin/inventory/${variantId}`, { on_hand: 7 })
    expect(stocked.status).toBe(200)
    expect((await store('/store/products/lantern-1')).body.product.variants[0].available).toBe(7)

    expect((await call('PATCH', `/admin/products/${product.id}`, { title: 'Renamed Lantern' })).status).toBe(200)
    expect((await store('/store/products/lantern-1')).body.product.title).toBe('Renamed Lantern')
    expect((await call('DELETE', `/admin/products/${product.id}`)).status).toBe(200)
    expect((await store('/store/products/lantern-1')).status).toBe(404)
  })

  test('cached responses carry ETag (304 on match), s-maxage, stale-while-revalidate and Surrogate-Key', async () => {
    const { body } = await store('/store/products?limit=1')
    const handle = body.products[0].handle
    const first = await store(`/store/products/${handle}`)
    expect(first.headers['cache-control']).toMatch(/s-maxage=\d+/)
    expect(first.headers['cache-control']).toMatch(/stale-while-revalidate=\d+/)
    expect(first.headers['surrogate-key']).toContain(handle)
    const again = await store(`/store/products/${handle}`, { 'if-none-match': String(first.headers.etag) })
    expect(again.status).toBe(304)
    expect((await store('/store/products?limit=1')).headers['surrogate-key']).toBe('catalog')
  })

  test('inventory: 422 below reserved, 404 for an unknown variant, default location', async () => {
    const created = (await call('POST', '/admin/products', newProduct('lantern-2'))).body.product
    const v = created.variants[0].id
    expect((await call('PUT', `/admin/inventory/${v}`, { on_hand: 10 })).status).toBe(200)
    await t.engines.db.orm.execute(sql`update inventory.stock_levels set reserved = 4 where variant_id = ${v}`)
    const below = await call('PUT', `/admin/inventory/${v}`, { on_hand: 3 })
    expect(below.status).toBe(422)
    expect(below.body.error.code).toBe('below_reserved')
    const ok = await call('PUT', `/admin/inventory/${v}`, { on_hand: 4 })
    expect(ok.body.levels[0]).toMatchObject({ on_hand: 4, reserved: 4 })
    expect((await call('GET', '/admin/inventory/var_nope')).status).toBe(404)
    expect((await call('PUT', '/admin/inventory/var_nope', { on_hand: 1 })).status).toBe(404)
    expect((await call('PUT', `/admin/inventory/${v}`, { on_hand: 1, location_id: 'loc_nope' })).body.error.code).toBe('unknown_location')
  })

  test('validation and conflicts: 422 with field details, 409 for a taken handle or SKU', async () => {
    const invalid = await call('POST', '/admin/products', { title: '', variants: [] })
    expect(invalid.status).toBe(422)
    expect(invalid.body.error.code).toBe('invalid_request')
    expect(invalid.body.error.details.fields.length).toBeGreaterThan(0)
    expect((await call('POST', '/admin/products', newProduct('lantern-3'))).status).toBe(201)
    expect((await call('POST', '/admin/products', newProduct('lantern-3'))).body.error.code).toBe('handle_taken')
    const sameSku = { ...newProduct('lantern-4'), variants: newProduct('lantern-3').variants }
    expect((await call('POST', '/admin/products', sameSku)).body.error.code).toBe('sku_taken')
    expect((await store('/store/products/lantern-4')).status).toBe(404) // nothing partial was written
    expect((await call('POST', '/admin/products', { ...newProduct('lantern-5'), category_ids: ['cat_nope'] })).body.error.code).toBe(
      'unknown_category',
    )
  })

  test('Idempotency-Key: a replay returns the first response and creates nothing new', async () => {
    const headers = { 'idempotency-key': 'create-lantern-6' }
    const first = await call('POST', '/admin/products', newProduct('lantern-6'), headers)
    const replay = await call('POST', '/admin/products', newProduct('lantern-6'), headers)
    expect(first.status).toBe(201)
    expect(replay.status).toBe(201)
    expect(replay.body.product.id).toBe(first.body.product.id)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    const reused = await call('POST', '/admin/products', newProduct('lantern-7'), headers)
    expect(reused.status).toBe(422)
    expect(reused.body.error.code).toBe('idempotency_key_reused')
  })

  test('Idempotency-Key: a concurrent duplicate gets 409 or the replay, and one product exists', async () => {
    const headers = { 'idempotency-key': 'create-lantern-8' }
    const both = await Promise.all([
      call('POST', '/admin/products', newProduct('lantern-8'), headers),
      call('POST', '/admin/products', newProduct('lantern-8'), headers),
    ])
    const statuses = both.map((r) => r.status).sort()
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses)
    const list = await call('GET', '/admin/products?q=lantern-8&limit=100')
    expect(list.body.products.filter((p: { handle: string }) => p.handle === 'lantern-8')).toHaveLength(1)
  })
})
