import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'

/** Whatever a client sends, the answer is never a 5xx. */
describe.each(engineKinds())('no input makes the server answer 5xx on %s', (engine) => {
  let t: TestApp
  let token: string
  beforeAll(async () => {
    t = await startTestApp({ engine, seedProducts: 10, listen: false })
    token = await staffToken(t)
  })
  afterAll(() => t?.close())

  const anyText = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.constantFrom("' or 1=1 --", '<script>alert(1)</script>', '%00', '../../etc/passwd', '\u0000', '🛒'.repeat(50), 'a:*|&!()'),
  )

  test('store query strings and paths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { q: anyText, category: anyText, sort: anyText, limit: anyText, cursor: anyText, currency: anyText, price_min: anyText },
          { requiredKeys: [] },
        ),
        anyText,
        async (query, handle) => {
          const list = await t.app.inject({ method: 'GET', url: '/store/products', query })
          expect(list.statusCode).toBeLessThan(500)
          const one = await t.app.inject({ method: 'GET', url: `/store/products/${encodeURIComponent(handle)}` })
          expect(one.statusCode).toBeLessThan(500)
        },
      ),
      { numRuns: 150 },
    )
  })

  test('admin bodies of any shape', async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({
        title: anyText,
        handle: anyText,
        variants: fc.array(fc.record({ sku: anyText, title: anyText, prices: fc.jsonValue() })),
      }),
    )
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom(
          'POST /admin/products',
          'PATCH /admin/products/prod_x',
          'PUT /admin/inventory/var_x',
          'POST /admin/categories',
          'POST /admin/auth/token',
        ),
        async (payload, route) => {
          const [method, url] = route.split(' ') as ['POST', string]
          const r = await t.app.inject({
            method,
            url,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            payload: JSON.stringify(payload),
          })
          expect(r.statusCode, r.body).toBeLessThan(500)
        },
      ),
      { numRuns: 150 },
    )
  })

  test('malformed and oversized bodies', async () => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    for (const payload of ['{', '{"title":', 'null', '[]', '"x"', 'x'.repeat(2 * 1024 * 1024)]) {
      const r = await t.app.inject({ method: 'POST', url: '/admin/products', headers, payload })
      expect(r.statusCode).toBeGreaterThanOrEqual(400)
      expect(r.statusCode).toBeLessThan(500)
      expect(typeof r.json().error.code).toBe('string')
    }
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/admin/products',
      headers: { ...headers, 'content-type': 'text/xml' },
      payload: '<x/>',
    })
    expect(wrongType.statusCode).toBe(415)
  })
})
