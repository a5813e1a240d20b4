import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'

describe.each(engineKinds())('editing and deactivating promotions through the admin API on %s', (engine) => {
  let t: TestApp
  let auth: Record<string, string>
  let variantId: string
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = auth) => {
    const r = await t.app.inject({ method, url, headers, ...(payload && { payload }) })
    return { status: r.statusCode, body: r.json() }
  }
  /** a fresh EUR cart with 2 × €25.00 and the code tried on it */
  const cartWith = async (code?: string) => {
    const cart = (await call('POST', '/store/carts', { currency: 'EUR' }, {})).body.cart
    expect((await call('POST', `/store/carts/${cart.id}/items`, { variant_id: variantId, quantity: 2 }, {})).status).toBe(200)
    return code ? call('POST', `/store/carts/${cart.id}/discounts`, { code }, {}) : call('GET', `/store/carts/${cart.id}`, undefined, {})
  }

  beforeAll(async () => {
    t = await startTestApp({ engine, listen: false, seedProducts: 1 }) // the seed makes the stock locations
    auth = { authorization: `Bearer ${await staffToken(t)}` }
    const p = await call('POST', '/admin/products', {
      title: 'Promo Mug',
      variants: [{ sku: `MUG-${engine}`, title: 'One', prices: [{ amount: 2500, currency: 'EUR' }] }],
    })
    variantId = p.body.product.variants[0].id
    expect(
      (await t.app.inject({ method: 'PUT', url: `/admin/inventory/${variantId}`, headers: auth, payload: { on_hand: 50 } })).statusCode,
    ).toBe(200)
  })
  afterAll(() => t?.close())

  test('a code is created, read by id, found by search, edited, and applies in a cart while active', async () => {
    const created = await call('POST', '/admin/promotions', {
      code: 'MUG10',
      name: 'Mug ten',
      kind: 'percentage',
      value: 1000,
      min_subtotal: 1000,
      currency: 'EUR',
      per_customer_limit: 1,
    })
    expect(created.status).toBe(201)
    const id = created.body.promotion.id
    expect((await call('GET', `/admin/promotions/${id}`)).body.promotion).toEqual(created.body.promotion)
    expect((await call('GET', '/admin/promotions?q=mug1')).body.promotions.map((p: { id: string }) => p.id)).toEqual([id])
    expect((await call('GET', '/admin/promotions?q=ten&active=false')).body.promotions).toEqual([])

    const applied = await cartWith('MUG10')
    expect(applied.status).toBe(200)
    expect(applied.body.cart.discount_total).toEqual({ amount: 500, currency: 'EUR' })

    const edited = await call('PATCH', `/admin/promotions/${id}`, {
      name: 'Mug ten (big carts)',
      min_subtotal: 10_000,
      usage_limit: 5,
      ends_at: '2099-01-01T00:00:00Z',
    })
    expect(edited.status).toBe(200)
    expect(edited.body.promotion).toMatchObject({
      name: 'Mug ten (big carts)',
      min_subtotal: 10_000,
      usage_limit: 5,
      ends_at: '2099-01-01T00:00:00.000Z',
      per_customer_limit: 1,
    })
    const below = await cartWith('MUG10')
    expect([below.status, below.body.error.code]).toEqual([422, 'invalid_discount'])
    expect(below.body.error.message).toMatch(/at least €100\.00/)
  })

  test('deactivate stops a code at once, twice is harmless, and the list filters on it', async () => {
    const id = (await call('POST', '/admin/promotions', { code: 'STOPME', name: 'Stop me', kind: 'fixed', value: 300, currency: 'EUR' }))
      .body.promotion.id
    expect((await cartWith('STOPME')).body.cart.discount_total.amount).toBe(300)
    const off = await call('POST', `/admin/promotions/${id}/deactivate`)
    expect([off.status, off.body.promotion.active]).toEqual([200, false])
    expect((await call('POST', `/admin/promotions/${id}/deactivate`)).body.promotion.active).toBe(false)
    const refused = await cartWith('STOPME')
    expect([refused.status, refused.body.error.code]).toEqual([422, 'invalid_discount'])
    expect(refused.body.error.message).toMatch(/not active/)
    expect((await call('GET', '/admin/promotions?active=false')).body.promotions.map((p: { code: string }) => p.code)).toContain('STOPME')
    expect((await call('GET', '/admin/promotions?active=true')).body.promotions.map((p: { code: string }) => p.code)).not.toContain(
      'STOPME',
    )
    expect((await call('PATCH', `/admin/promotions/${id}`, { active: true })).body.promotion.active).toBe(true)
    expect((await cartWith('STOPME')).status).toBe(200)
  })

  test('an automatic free-shipping promotion applies without a code and stops when deactivated', async () => {
    const auto = await call('POST', '/admin/promotions', {
      code: null,
      name: 'Free shipping over €40',
      kind: 'free_shipping',
      currency: 'EUR',
      min_subtotal: 4000,
    })
    expect([auto.status, auto.body.promotion.code]).toEqual([201, null])
    const cart = (await cartWith()).body.cart
    expect(cart.discounts.map((d: { name: string }) => d.name)).toContain('Free shipping over €40')
    await call('POST', `/admin/promotions/${auto.body.promotion.id}/deactivate`)
    expect((await cartWith()).body.cart.discounts.map((d: { name: string }) => d.name)).not.toContain('Free shipping over €40')
  })

  test('bad input answers 4xx with stable codes', async () => {
    const id = (await call('POST', '/admin/promotions', { code: 'EDITME', name: 'Edit me', kind: 'percentage', value: 500 })).body.promotion
      .id
    const cases: [string, 'GET' | 'POST' | 'PATCH', string, object | undefined, number, string][] = [
      ['unknown id (read)', 'GET', '/admin/promotions/promo_none', undefined, 404, 'not_found'],
      ['unknown id (deactivate)', 'POST', '/admin/promotions/promo_none/deactivate', undefined, 404, 'not_found'],
      ['kind is fixed once created', 'PATCH', `/admin/promotions/${id}`, { kind: 'fixed' }, 422, 'invalid_request'],
      [
        'ends before it starts',
        'PATCH',
        `/admin/promotions/${id}`,
        { starts_at: '2030-01-02T00:00:00Z', ends_at: '2030-01-01T00:00:00Z' },
        422,
        'invalid_request',
      ],
      ['negative minimum', 'PATCH', `/admin/promotions/${id}`, { min_subtotal: -1 }, 422, 'invalid_request'],
      ['zero usage limit', 'PATCH', `/admin/promotions/${id}`, { usage_limit: 0 }, 422, 'invalid_request'],
      ['bad date', 'PATCH', `/admin/promotions/${id}`, { ends_at: 'tomorrow' }, 422, 'invalid_request'],
      ['bad active filter', 'GET', '/admin/promotions?active=maybe', undefined, 400, 'invalid_request'],
    ]
    for (const [what, method, url, body, status, code] of cases) {
      const r = await call(method, url, body)
      expect({ what, status: r.status, code: r.body.error?.code }).toEqual({ what, status, code })
    }
    expect((await call('GET', `/admin/promotions/${id}`)).body.promotion).toMatchObject({ kind: 'percentage', value: 500, active: true })
    expect((await call('GET', '/admin/promotions', undefined, {})).status).toBe(401)
  })
  test('a code that stops applying stays on the cart with the reason, and the automatic promotions still apply', async () => {
    const auto = await call('POST', '/admin/promotions', { code: null, name: 'Five off all', kind: 'percentage', value: 500 })
    expect(auto.status).toBe(201)
    expect(
      (
        await call('POST', '/admin/promotions', {
          code: 'BIG20',
          name: 'Big',
          kind: 'fixed',
          value: 2000,
          currency: 'EUR',
          min_subtotal: 5000,
        })
      ).status,
    ).toBe(201)
    const applied = (await cartWith('BIG20')).body.cart
    expect(applied.discount_code).toBe('BIG20')
    expect(applied.discount_problem).toBeNull()
    expect(applied.discounts.map((d: { name: string }) => d.name).sort()).toEqual(['Big', 'Five off all'])

    const line = applied.items[0].id
    const lowered = await call('PATCH', `/store/carts/${applied.id}/items/${line}`, { quantity: 1 }, {})
    expect(lowered.status).toBe(200)
    expect(lowered.body.cart.discount_code).toBe('BIG20')
    expect(lowered.body.cart.discount_problem).toMatch(/at least €50\.00/)
    expect(lowered.body.cart.discounts.map((d: { name: string }) => d.name)).toEqual(['Five off all'])
    expect(lowered.body.cart.discount_total.amount).toBe(125)
    await call('POST', `/admin/promotions/${auto.body.promotion.id}/deactivate`)
  })
})
