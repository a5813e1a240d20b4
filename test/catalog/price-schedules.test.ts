import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import { startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'

/**
 * Campaign prices end to end. Time: the modules' clock is `new Date()` (src/app.ts), so the tests move it with
 * vitest's fake Date (only Date is faked; timers, the database and Redis run on real time) instead of sleeping,
 * and they call the boundary job directly where `crest serve` would run it every few seconds.
 */
const MIN = 60_000
const eur = (amount: number) => ({ amount, currency: 'EUR' })
const address = { name: 'Ada Buyer', line1: 'Storgata 1', city: 'Oslo', postal_code: '0155', country: 'NO' }

// biome-ignore lint/suspicious/noExplicitAny: response JSON, asserted field by field
type Json = Record<string, any>
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
const payment = { email: 'buyer@example.test', shipping_address: address, payment: { provider: 'sandbox', token: 'tok_ok' } }

describe.each(engineKinds())('price schedules on %s', (engine) => {
  let t: TestApp
  let sandbox: Awaited<ReturnType<typeof startSandboxPayments>>
  let auth: Record<string, string>
  const base = Date.now()
  /** moves the modules' clock to `base + ms` (forward only within a test run) */
  const at = (ms: number) => vi.setSystemTime(new Date(base + ms))
  const iso = (ms: number) => new Date(base + ms).toISOString()

  const call = async (method: Method, url: string, payload?: unknown, headers: Record<string, string> = auth) => {
    const r = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) })
    return { status: r.statusCode, body: (r.body ? r.json() : null) as Json, headers: r.headers }
  }
  const page = async (url: string) => {
    const r = await t.app.inject({ method: 'GET', url })
    return { status: r.statusCode, body: r.body, etag: r.headers.etag }
  }
  const scheduleCount = async () =>
    (await queryRows<{ n: number }>(t.engines.db.orm, sql`select count(*)::int as n from catalog.price_schedules`))[0]?.n
  const newProduct = async (handle: string) => {
    const r = await call('POST', '/admin/products', {
      handle,
      title: `Campaign Lantern ${handle}`,
      variants: [
        { sku: `${handle}-s`, title: 'Small', prices: [eur(5000), { amount: 5500, currency: 'USD' }] },
        { sku: `${handle}-l`, title: 'Large', prices: [eur(7000)] },
      ],
    })
    expect(r.status).toBe(201)
    const [small, large] = r.body.product.variants as { id: string }[]
    for (const v of [small, large]) expect((await call('PUT', `/admin/inventory/${v?.id}`, { on_hand: 20 })).status).toBe(200)
    return { id: r.body.product.id as string, small: small?.id as string, large: large?.id as string }
  }
  const schedule = (startMs: number, endMs: number, items: { variant_id: string; amount: number; currency?: string }[]) =>
    call('POST', '/admin/price-schedules', {
      starts_at: iso(startMs),
      ends_at: iso(endMs),
      items: items.map((i) => ({ variant_id: i.variant_id, price: { amount: i.amount, currency: i.currency ?? 'EUR' } })),
    })
  const storeProduct = async (handle: string, currency = 'EUR') => {
    const r = await t.app.inject({ method: 'GET', url: `/store/products/${handle}?currency=${currency}` })
    return { product: r.json().product as Json, etag: r.headers.etag }
  }
  const prices = (p: Json) => p.variants.map((v: Json) => [v.price?.amount ?? null, v.compare_at_price?.amount ?? null])
  const listed = async (url: string, handle: string) =>
    ((await call('GET', url, undefined, {})).body.products as Json[]).find((p) => p.handle === handle)
  const buy = async (variantId: string) => {
    const cart = (await call('POST', '/store/carts', {}, {})).body.cart
    const added = await call('POST', `/store/carts/${cart.id}/items`, { variant_id: variantId, quantity: 2 }, {})
    expect(added.status).toBe(200)
    return { id: cart.id as string, line: added.body.cart.items[0] as Json }
  }
  const checkout = async (cartId: string) => {
    const options = (await call('GET', `/store/carts/${cartId}/shipping-options?country=NO`, undefined, {})).body.shipping_options
    return call('POST', `/store/carts/${cartId}/checkout`, { ...payment, shipping_option_id: options[0].id }, {})
  }

  beforeAll(async () => {
    sandbox = await startSandboxPayments({ port: 0 })
    const env = { PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}` }
    t = await startTestApp({ engine, redis: engine === 'postgres', seedProducts: 3, listen: false, env })
    auth = { authorization: `Bearer ${await staffToken(t)}` }
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true })
    at(0)
    await t.modules.catalog.applyPriceBoundaries() // this process's first run: sets its watermark
  })
  afterAll(async () => {
    vi.useRealTimers()
    await t?.close()
    await sandbox?.close()
  })

  test('every price-schedule endpoint requires a staff token, whatever the body', async () => {
    const p = await newProduct('auth-lantern')
    const valid = { starts_at: iso(MIN), ends_at: iso(2 * MIN), items: [{ variant_id: p.small, price: { amount: 100, currency: 'EUR' } }] }
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic abc' }] as Record<string, string>[]) {
      for (const [method, url, body] of [
        ['POST', '/admin/price-schedules', valid],
        ['POST', '/admin/price-schedules', { items: 'bad' }],
        ['GET', '/admin/price-schedules', undefined],
        ['GET', '/admin/price-schedules/sched_x', undefined],
        ['POST', '/admin/price-schedules/sched_x/end', undefined],
        ['DELETE', '/admin/price-schedules/sched_x', undefined],
      ] as const) {
        const r = await call(method, url, body, headers)
        expect(r.status, `${method} ${url}`).toBe(401)
        expect(r.body.error.code).toBe('unauthorized')
      }
    }
    expect(await scheduleCount()).toBe(0)
  })

  test('bad input: 422 invalid_request naming each field, and nothing is written (a batch is all or nothing)', async () => {
    const p = await newProduct('invalid-lantern')
    const before = await scheduleCount()
    const item = (over: Json = {}) => ({ variant_id: p.small, price: { amount: 100, currency: 'EUR' }, ...over })
    const body = (over: Json = {}) => ({ starts_at: iso(MIN), ends_at: iso(2 * MIN), items: [item()], ...over })
    const cases: [string, unknown, string, string?][] = [
      ['ends before it starts', body({ ends_at: iso(MIN) }), 'ends_at'],
      ['ends in the past', body({ starts_at: iso(-2 * MIN), ends_at: iso(-MIN) }), 'ends_at', 'ends_in_past'],
      ['not a date', body({ starts_at: 'next friday' }), 'starts_at'],
      ['a date without offset', body({ starts_at: '2026-11-27T00:00:00' }), 'starts_at'],
      ['a date the database cannot hold', body({ starts_at: '0000-01-01T00:00:00Z' }), 'starts_at'],
      ['negative amount', body({ items: [item({ price: { amount: -1, currency: 'EUR' } })] }), 'items.0.price.amount'],
      ['fractional amount', body({ items: [item({ price: { amount: 12.5, currency: 'EUR' } })] }), 'items.0.price.amount'],
      ['amount as text', body({ items: [item({ price: { amount: '100', currency: 'EUR' } })] }), 'items.0.price.amount'],
      ['unknown currency', body({ items: [item({ price: { amount: 100, currency: 'XXX' } })] }), 'items.0.price.currency'],
      ['no items', body({ items: [] }), 'items'],
      [
        'unknown variant beside a valid one',
        body({ items: [item(), item({ variant_id: 'var_nope' })] }),
        'items.1.variant_id',
        'unknown_variant',
      ],
      [
        'a currency the variant has no price in',
        body({ items: [item(), item({ variant_id: p.large, price: { amount: 1, currency: 'USD' } })] }),
        'items.1.price.currency',
        'currency_not_priced',
      ],
      [
        'the same variant and currency twice',
        body({ items: [item(), item({ price: { amount: 90, currency: 'EUR' } })] }),
        'items.1',
        'duplicate_item',
      ],
    ]
    for (const [what, payload, field, reason] of cases) {
      const r = await call('POST', '/admin/price-schedules', payload)
      expect(r.status, what).toBe(422)
      expect(r.body.error.code, what).toBe('invalid_request')
      const fields = r.body.error.details.fields as Json[]
      expect(
        fields.map((f) => f.field),
        what,
      ).toContain(field)
      if (reason) expect(fields.find((f) => f.field === field)?.reason, what).toBe(reason)
    }
    expect(await scheduleCount()).toBe(before)
    expect(prices((await storeProduct('invalid-lantern')).product)).toEqual([
      [5000, null],
      [7000, null],
    ])

    expect((await call('GET', '/admin/price-schedules?status=soon')).status).toBe(400)
    expect((await call('GET', '/admin/price-schedules?limit=0')).body.error.code).toBe('invalid_request')
    expect((await call('GET', '/admin/price-schedules?cursor=nope')).body.error.code).toBe('invalid_cursor')
    expect((await call('GET', '/admin/price-schedules/sched_nope')).status).toBe(404)
    expect((await call('POST', '/admin/price-schedules/sched_nope/end')).body.error.code).toBe('not_found')
    expect((await call('DELETE', '/admin/price-schedules/sched_nope')).body.error.code).toBe('not_found')
  })

  test('the campaign price shows only inside its window, everywhere, and cached responses turn at each boundary', async () => {
    at(10 * MIN)
    const p = await newProduct('flash-lantern')
    const created = await schedule(11 * MIN, 12 * MIN, [
      { variant_id: p.small, amount: 3500 },
      { variant_id: p.large, amount: 7500 }, // a scheduled increase: charged, but no "was"
    ])
    expect(created.status).toBe(201)
    expect(created.body.price_schedules.map((s: Json) => [s.variant_id, s.price.amount, s.regular_price.amount, s.status])).toEqual([
      [p.small, 3500, 5000, 'upcoming'],
      [p.large, 7500, 7000, 'upcoming'],
    ])
    expect(created.body.price_schedules[0]).toMatchObject({
      product_id: p.id,
      product_handle: 'flash-lantern',
      starts_at: iso(11 * MIN),
      ends_at: iso(12 * MIN),
    })

    const before = await storeProduct('flash-lantern')
    expect(prices(before.product)).toEqual([
      [5000, null],
      [7000, null],
    ])
    const pageBefore = await page('/p/flash-lantern')
    expect(pageBefore.body).toContain('data-v="price">€50.00<')
    await t.modules.catalog.applyPriceBoundaries()

    at(11 * MIN) // the start: nothing cached has changed yet…
    expect((await storeProduct('flash-lantern')).etag).toBe(before.etag)
    expect((await page('/p/flash-lantern')).etag).toBe(pageBefore.etag)
    const run = await t.modules.catalog.applyPriceBoundaries() // …until the boundary job bumps the tags
    expect(run.products).toBeGreaterThanOrEqual(1)

    const during = await storeProduct('flash-lantern')
    expect(during.etag).not.toBe(before.etag)
    expect(prices(during.product)).toEqual([
      [3500, 5000],
      [7500, null],
    ])
    expect(during.product.variants[0].prices).toEqual([eur(5000), { amount: 5500, currency: 'USD' }])
    expect(during.product.price_range).toEqual({ min: eur(3500), max: eur(7500) })
    expect(prices((await storeProduct('flash-lantern', 'USD')).product)).toEqual([
      [5500, null],
      [null, null],
    ])
    expect((await call('GET', `/admin/products/${p.id}`)).body.product.variants[0].price.amount).toBe(3500)
    expect((await listed('/store/products?limit=100', 'flash-lantern'))?.variants[0].price.amount).toBe(3500)
    expect((await listed('/store/products?q=flash+lantern', 'flash-lantern'))?.variants[0].compare_at_price.amount).toBe(5000)
    expect(await listed('/store/products?price_max=4000&limit=100', 'flash-lantern')).toBeDefined() // ranges follow
    const sfPage = (await page('/p/flash-lantern')).body
    expect(sfPage).toContain('data-v="price">€35.00<')
    expect(sfPage).toContain('data-v="was">Was €50.00<')
    expect(sfPage).toContain('"price":"35.00"') // JSON-LD offer
    const search = (await page('/search?q=flash+lantern')).body
    expect(search).toContain('From €35.00')
    expect(search).toContain('<p class="sale">Sale</p>')

    const active = await call('GET', `/admin/price-schedules?status=active&product_id=${p.id}`)
    expect(active.body.price_schedules).toHaveLength(2)
    expect((await call('GET', `/admin/price-schedules?status=upcoming&product_id=${p.id}`)).body.price_schedules).toHaveLength(0)
    expect((await call('GET', `/admin/price-schedules?variant_id=${p.small}`)).body.price_schedules).toHaveLength(1)

    at(12 * MIN) // the end (exclusive)
    expect(prices((await storeProduct('flash-lantern')).product)).toEqual([
      [3500, 5000],
      [7500, null],
    ]) // cached
    await t.modules.catalog.applyPriceBoundaries()
    const after = await storeProduct('flash-lantern')
    expect(prices(after.product)).toEqual([
      [5000, null],
      [7000, null],
    ])
    expect(after.etag).not.toBe(during.etag)
    expect((await page('/p/flash-lantern')).body).toContain('data-v="price">€50.00<')
    expect((await page('/search?q=flash+lantern')).body).not.toContain('€35.00')
    expect(await listed('/store/products?price_max=4000&limit=100', 'flash-lantern')).toBeUndefined()
    expect((await call('GET', `/admin/price-schedules?status=ended&product_id=${p.id}`)).body.price_schedules).toHaveLength(2)
  })

  test('a cart line added in the window gets the campaign price; checkout charges the price in force', async () => {
    at(20 * MIN)
    const p = await newProduct('cart-lantern')
    expect((await schedule(21 * MIN, 22 * MIN, [{ variant_id: p.small, amount: 3500 }])).status).toBe(201)
    const early = await buy(p.small) // before the window: regular price…
    expect(early.line.unit_price).toEqual(eur(5000))

    at(21 * MIN + 1_000)
    const inWindow = await buy(p.small)
    expect(inWindow.line.unit_price).toEqual(eur(3500))
    const late = await buy(p.small)
    const paidEarly = await checkout(early.id) // …checked out in the window: re-priced to the campaign price
    expect(paidEarly.status, JSON.stringify(paidEarly.body)).toBe(201)
    expect(paidEarly.body.order.items[0].unit_price.amount).toBe(3500)
    const paidIn = await checkout(inWindow.id)
    expect(paidIn.body.order.subtotal.amount).toBe(7000)

    at(22 * MIN + 1_000) // added in the window, checked out after it: the regular price again
    const paidLate = await checkout(late.id)
    expect(paidLate.status).toBe(201)
    expect(paidLate.body.order.items[0].unit_price.amount).toBe(5000)
    expect(paidLate.body.order.subtotal.amount).toBe(10000)
  })

  test('ending early and deleting take effect at once; ending needs an active schedule', async () => {
    at(30 * MIN)
    const p = await newProduct('end-lantern')
    const running = (await schedule(29 * MIN, 90 * MIN, [{ variant_id: p.small, amount: 4000 }])).body.price_schedules[0]
    expect(running.status).toBe('active')
    expect(prices((await storeProduct('end-lantern')).product)[0]).toEqual([4000, 5000]) // no job needed: creating bumped
    const ended = await call('POST', `/admin/price-schedules/${running.id}/end`)
    expect(ended.status).toBe(200)
    expect(ended.body.price_schedule).toMatchObject({ id: running.id, status: 'ended' })
    expect(prices((await storeProduct('end-lantern')).product)[0]).toEqual([5000, null])
    const again = await call('POST', `/admin/price-schedules/${running.id}/end`)
    expect(again.status).toBe(409)
    expect(again.body.error).toMatchObject({ code: 'schedule_not_active', details: { status: 'ended' } })

    const upcoming = (await schedule(40 * MIN, 50 * MIN, [{ variant_id: p.small, amount: 4500 }])).body.price_schedules[0]
    expect((await call('POST', `/admin/price-schedules/${upcoming.id}/end`)).body.error.details.status).toBe('upcoming')
    expect((await call('DELETE', `/admin/price-schedules/${upcoming.id}`)).body).toEqual({ id: upcoming.id, deleted: true })
    expect((await call('DELETE', `/admin/price-schedules/${upcoming.id}`)).status).toBe(404)

    const other = (await schedule(29 * MIN, 90 * MIN, [{ variant_id: p.large, amount: 6000 }])).body.price_schedules[0]
    expect(prices((await storeProduct('end-lantern')).product)[1]).toEqual([6000, 7000])
    expect((await call('DELETE', `/admin/price-schedules/${other.id}`)).status).toBe(200)
    expect(prices((await storeProduct('end-lantern')).product)[1]).toEqual([7000, null])
    expect((await call('GET', `/admin/price-schedules/${other.id}`)).status).toBe(404)
  })

  test('lists page with a cursor, latest start first', async () => {
    at(40 * MIN)
    const p = await newProduct('paged-lantern')
    for (const start of [41, 42, 43]) await schedule(start * MIN, (start + 1) * MIN - 1, [{ variant_id: p.small, amount: 100 + start }])
    const first = await call('GET', `/admin/price-schedules?variant_id=${p.small}&limit=2`)
    expect(first.body.price_schedules.map((s: Json) => s.price.amount)).toEqual([143, 142])
    const second = await call('GET', `/admin/price-schedules?variant_id=${p.small}&limit=2&cursor=${first.body.next_cursor}`)
    expect(second.body.price_schedules.map((s: Json) => s.price.amount)).toEqual([141])
    expect(second.body.next_cursor).toBeNull()
  })

  test('Idempotency-Key: a replayed batch returns the first answer and schedules nothing twice', async () => {
    at(50 * MIN)
    const p = await newProduct('replay-lantern')
    const payload = {
      starts_at: iso(51 * MIN),
      ends_at: iso(52 * MIN),
      items: [{ variant_id: p.small, price: { amount: 10, currency: 'EUR' } }],
    }
    const headers = { ...auth, 'idempotency-key': 'campaign-replay-1' }
    const first = await call('POST', '/admin/price-schedules', payload, headers)
    const replay = await call('POST', '/admin/price-schedules', payload, headers)
    expect(first.status).toBe(201)
    expect(replay.status).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.body).toEqual(first.body)
    expect((await call('GET', `/admin/price-schedules?variant_id=${p.small}`)).body.price_schedules).toHaveLength(1)
  })

  test('no body or query string makes these endpoints answer 5xx, and rejected batches write nothing', async () => {
    at(60 * MIN)
    const p = await newProduct('fuzz-lantern')
    const before = await scheduleCount()
    const instantish = fc.oneof(
      fc.constantFrom(iso(61 * MIN), iso(-MIN), '2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', ''),
      fc.string({ maxLength: 40 }),
    )
    const item = fc.record(
      {
        variant_id: fc.oneof(fc.constant(p.small), fc.constant(p.large), fc.string({ maxLength: 80 })),
        price: fc.oneof(
          fc.record({ amount: fc.oneof(fc.integer(), fc.double(), fc.string()), currency: fc.constantFrom('EUR', 'USD', 'XXX', '') }),
          fc.jsonValue(),
        ),
      },
      { requiredKeys: [] },
    )
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ starts_at: instantish, ends_at: instantish, items: fc.array(item, { maxLength: 4 }) }, { requiredKeys: [] }),
    )
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const r = await call('POST', '/admin/price-schedules', payload, { ...auth, 'content-type': 'application/json' })
        expect(r.status, JSON.stringify(r.body)).toBeLessThan(500)
        if (r.status !== 201) expect(await scheduleCount()).toBe(before)
        else for (const c of r.body.price_schedules) await call('DELETE', `/admin/price-schedules/${c.id}`) // keep the count
      }),
      { numRuns: 80 },
    )
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('variant_id', 'product_id', 'status', 'limit', 'cursor'), fc.string({ maxLength: 100 })),
        async (query) => {
          const r = await t.app.inject({ method: 'GET', url: '/admin/price-schedules', query, headers: auth })
          expect(r.statusCode).toBeLessThan(500)
        },
      ),
      { numRuns: 60 },
    )
  })

  test('the endpoints are in the OpenAPI document', async () => {
    const doc = (await call('GET', '/openapi.json', undefined, {})).body
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/admin/price-schedules', '/admin/price-schedules/{id}', '/admin/price-schedules/{id}/end']),
    )
    expect(doc.paths['/admin/price-schedules'].post.requestBody).toBeDefined()
  })
})
