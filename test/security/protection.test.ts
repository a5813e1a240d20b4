import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'

/** Headers, CORS, body limits and rate limits at the HTTP edge (docs/security.md). */

const json = { 'content-type': 'application/json' }

describe('security headers', () => {
  let t: TestApp
  let handle = ''
  beforeAll(async () => {
    t = await startTestApp({ seedProducts: 3, listen: false })
    handle =
      ((await t.app.inject({ url: '/store/products?limit=1' })).json() as { products: { handle: string }[] }).products[0]?.handle ?? ''
  })
  afterAll(() => t?.close())

  const csp = (h: Record<string, unknown>) =>
    Object.fromEntries(
      String(h['content-security-policy'])
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    ) as Record<string, string[]>

  test.each([
    '/',
    `/p/HANDLE`,
    '/search?q=hat',
    '/cart',
    '/checkout',
    '/account/sign-in',
    '/store/products',
    '/admin/orders',
    '/no-such-page',
  ])('%s carries a strict policy and the other headers', async (path) => {
    const r = await t.app.inject({ url: path.replace('HANDLE', handle) })
    expect(r.statusCode).toBeLessThan(500)
    const p = csp(r.headers)
    expect(p['default-src']).toEqual(["'self'"])
    expect(p['script-src']).toEqual(["'self'"])
    expect(p['frame-ancestors']).toEqual(["'none'"])
    expect(p['object-src']).toEqual(["'none'"])
    expect(p['style-src']?.filter((s) => !s.startsWith("'sha256-"))).toEqual(["'self'"])
    expect(r.headers['x-content-type-options']).toBe('nosniff')
    // private pages (cart, account) send a stricter policy of their own
    expect(['strict-origin-when-cross-origin', 'same-origin', 'no-referrer']).toContain(r.headers['referrer-policy'])
    expect(r.headers['x-frame-options']).toBe('DENY')
    expect(r.headers['strict-transport-security']).toBeUndefined() // plain http
  })

  test.each(['/', '/p/HANDLE', '/search?q=hat', '/c/no-such-category', '/cart', '/account/sign-in', '/account/sign-up', '/orders/lookup'])(
    'storefront page %s needs no inline code or style the policy would block',
    async (path) => {
      const r = await t.app.inject({ url: path.replace('HANDLE', handle) })
      expect(String(r.headers['content-type'])).toMatch(/^text\/html/)
      for (const m of r.body.matchAll(/<script\b([^>]*)>/g))
        expect(m[1], 'only external scripts and JSON data blocks').toMatch(/\ssrc=|type="application\/(ld\+)?json"/)
      expect(r.body).not.toMatch(/<style\b/)
      expect(r.body).not.toMatch(/\sstyle="/)
      expect(r.body).not.toMatch(/\son[a-z]+="/)
      expect(r.body).not.toMatch(/href="javascript:/i)
    },
  )

  test('the API reference allows exactly its own inline bootstrap script, by hash', async () => {
    const r = await t.app.inject({ url: '/docs/' })
    expect(r.statusCode).toBe(200)
    const inline = [...r.body.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string)
    expect(inline.length).toBeGreaterThan(0)
    const p = csp(r.headers)
    expect(p['script-src']).toEqual(["'self'", ...inline.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`)])
    expect(p['frame-ancestors']).toEqual(["'none'"])
  })

  test('HSTS only over https (as told by a trusted proxy)', async () => {
    const https = await t.app.inject({ url: '/store/categories', headers: { 'x-forwarded-proto': 'https' } })
    expect(https.headers['strict-transport-security']).toBe(`max-age=${t.config.HSTS_MAX_AGE_SECONDS}; includeSubDomains`)
    const untrusted = await t.app.inject({
      url: '/store/categories',
      remoteAddress: '203.0.113.4',
      headers: { 'x-forwarded-proto': 'https' },
    })
    expect(untrusted.headers['strict-transport-security']).toBeUndefined()
  })

  test('malformed JSON is a 400 invalid_request with details; a wrong content type a 415', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/store/carts', headers: json, payload: '{"currency":' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({ code: 'invalid_request', details: { in: 'body', reason: 'malformed_json' } })
    const type = await t.app.inject({
      method: 'POST',
      url: '/store/carts',
      headers: { 'content-type': 'application/xml' },
      payload: '<currency>EUR</currency>',
    })
    expect(type.statusCode).toBe(415)
    expect(type.json().error).toMatchObject({ code: 'unsupported_media_type', details: { reason: 'unsupported_content_type' } })
    const url = await t.app.inject({ url: '/store/products/%E0%A4%A' })
    expect(url.statusCode).toBe(400)
    expect(url.json().error.code).toBe('invalid_request')
  })

  test('body limits per route class: small for the store, larger for the admin', async () => {
    const token = await staffToken(t)
    const store = t.config.BODY_LIMIT_STORE_BYTES
    const tooBig = await t.app.inject({
      method: 'POST',
      url: '/store/carts',
      headers: json,
      payload: JSON.stringify({ currency: 'x'.repeat(store) }),
    })
    expect(tooBig.statusCode).toBe(413)
    expect(tooBig.json().error).toMatchObject({ code: 'payload_too_large', details: { reason: 'too_large' } })
    const fits = await t.app.inject({
      method: 'POST',
      url: '/store/carts',
      headers: json,
      payload: JSON.stringify({ currency: 'x'.repeat(store - 100) }),
    })
    expect(fits.statusCode).toBe(422) // read, then refused by validation
    const admin = await t.app.inject({
      method: 'POST',
      url: '/admin/categories',
      headers: { ...json, authorization: `Bearer ${token}` },
      payload: JSON.stringify({ name: 'x'.repeat(store * 2) }),
    })
    expect(admin.statusCode).not.toBe(413)
    expect(admin.statusCode).toBeLessThan(500)
    const form = await t.app.inject({
      method: 'POST',
      url: '/cart/items',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `q=${'x'.repeat(t.config.BODY_LIMIT_WEB_BYTES)}`,
    })
    expect(form.statusCode).toBe(413)
  })
})

describe('CORS', () => {
  let open: TestApp
  let closed: TestApp
  beforeAll(async () => {
    open = await startTestApp({ listen: false, env: { CORS_ORIGINS: 'https://shop.example, https://app.example' } })
    closed = await startTestApp({ listen: false })
  })
  afterAll(async () => {
    await open?.close()
    await closed?.close()
  })

  const preflight = (t: TestApp, origin: string) =>
    t.app.inject({
      method: 'OPTIONS',
      url: '/store/carts',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
    })

  test('an allowed origin may call the API, without credentials', async () => {
    const r = await preflight(open, 'https://shop.example')
    expect(r.statusCode).toBe(204)
    expect(r.headers['access-control-allow-origin']).toBe('https://shop.example')
    expect(String(r.headers['access-control-allow-headers'])).toContain('idempotency-key')
    expect(r.headers['access-control-allow-credentials']).toBeUndefined()
    const get = await open.app.inject({ url: '/store/categories', headers: { origin: 'https://app.example' } })
    expect(get.headers['access-control-allow-origin']).toBe('https://app.example')
  })

  test('any other origin gets no CORS allowance', async () => {
    const r = await preflight(open, 'https://evil.example')
    expect(r.headers['access-control-allow-origin']).toBeUndefined()
    const get = await open.app.inject({ url: '/store/categories', headers: { origin: 'https://evil.example' } })
    expect(get.headers['access-control-allow-origin']).toBeUndefined()
  })

  test('without CORS_ORIGINS, none at all', async () => {
    const get = await closed.app.inject({ url: '/store/categories', headers: { origin: 'https://shop.example' } })
    expect(get.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('rate limits', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp({
      listen: false,
      env: { RATE_LIMIT_ALLOW: '', RATE_LIMIT_PER_IP_PER_MINUTE: '5', RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '4' },
    })
  })
  afterAll(() => t?.close())

  test('per client address: past the limit 429 with Retry-After; others and probes unaffected', async () => {
    const from = (ip: string, url = '/store/categories') => t.app.inject({ url, remoteAddress: ip })
    for (let i = 0; i < 5; i++) expect((await from('198.51.100.1')).statusCode).toBe(200)
    const limited = await from('198.51.100.1')
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(limited.json().error).toMatchObject({ code: 'too_many_requests', details: { scope: 'address', limit: 5 } })
    expect((await from('198.51.100.2')).statusCode).toBe(200)
    expect((await from('198.51.100.1', '/healthz')).statusCode).toBe(200)
  })

  test('a client cannot dodge it with X-Forwarded-For unless it is a trusted proxy', async () => {
    const spoof = (n: number) =>
      t.app.inject({ url: '/store/categories', remoteAddress: '198.51.100.3', headers: { 'x-forwarded-for': `10.9.9.${n}` } })
    const codes = []
    for (let i = 0; i < 7; i++) codes.push((await spoof(i)).statusCode)
    expect(codes.filter((c) => c === 429).length).toBe(2)
    // a proxy on a private network is trusted: its clients count apart
    const viaProxy = (client: string) =>
      t.app.inject({ url: '/store/categories', remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': client } })
    for (let i = 0; i < 5; i++) expect((await viaProxy('198.51.100.4')).statusCode).toBe(200)
    expect((await viaProxy('198.51.100.4')).statusCode).toBe(429)
    expect((await viaProxy('198.51.100.5')).statusCode).toBe(200)
  })

  test('per signed-in account, over every address', async () => {
    const token = await staffToken(t)
    const codes: number[] = []
    for (let i = 0; i < 6; i++) {
      const r = await t.app.inject({
        url: '/admin/orders?limit=1',
        remoteAddress: `192.0.2.${10 + i}`,
        headers: { authorization: `Bearer ${token}` },
      })
      codes.push(r.statusCode)
      if (r.statusCode === 429) expect(r.json().error.details.scope).toBe('account')
    }
    expect(codes).toEqual([200, 200, 200, 200, 429, 429])
  })
})
