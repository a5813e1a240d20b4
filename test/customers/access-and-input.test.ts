import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import type { TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { placeOrder, shopper, startCustomersApp } from './customers-app.ts'

const ADDRESS = { name: 'Kari Nordmann', line1: 'Storgata 1', city: 'Oslo', postal_code: '0155', country: 'no', phone: '+47 22 00 00 00' }

const PAYLOADS = [
  `'; drop table customers.accounts; --`,
  `" or 1=1 --`,
  `<script>alert(1)</script>`,
  `<img src=x onerror=alert(1)>`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%00%27',
  'Ωmega 😀 ﷽',
  'a'.repeat(5000),
  '\u202eevil',
]

describe.each(engineKinds())('customer access and input on %s', (engine) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startCustomersApp(engine)
  })
  afterAll(async () => {
    await t?.close()
  })

  test("a customer cannot read, change or delete another customer's address or order", async () => {
    const a = shopper(t)
    const b = shopper(t)
    await a.signUp('owner-a@example.test')
    await b.signUp('owner-b@example.test')
    const added = await a.post('/store/customers/me/addresses', ADDRESS)
    expect(added.status).toBe(201)
    expect(added.body.address).toMatchObject({ ...ADDRESS, country: 'NO' })
    const id = added.body.address.id as string

    expect((await b.get(`/store/customers/me/addresses/${id}`)).status).toBe(404)
    expect((await b.put(`/store/customers/me/addresses/${id}`, { ...ADDRESS, name: 'Mallory' })).status).toBe(404)
    expect((await b.del(`/store/customers/me/addresses/${id}`)).status).toBe(404)
    expect((await b.get('/store/customers/me/addresses')).body.addresses).toEqual([])
    expect((await a.get(`/store/customers/me/addresses/${id}`)).body.address.name).toBe('Kari Nordmann')

    const me = (await a.get('/store/customers/me')).body.customer.id as string
    const order = await placeOrder(t, { email: 'owner-a@example.test', customerId: me })
    expect((await a.get(`/store/orders/${order.id}`)).status).toBe(200)
    const other = await b.get(`/store/orders/${order.id}`)
    expect(other.status).toBe(404)
    expect(JSON.stringify(other.body)).not.toContain('owner-a')
    expect((await shopper(t).get(`/store/orders/${order.id}`)).status).toBe(404)
    expect((await a.get('/store/customers/me/orders')).body.orders.map((o: { id: string }) => o.id)).toEqual([order.id])
    expect((await b.get('/store/customers/me/orders')).body.orders).toEqual([])

    const updated = await a.put(`/store/customers/me/addresses/${id}`, { ...ADDRESS, line2: 'H0101' })
    expect(updated.body.address.line2).toBe('H0101')
    expect((await a.del(`/store/customers/me/addresses/${id}`)).status).toBe(204)
    expect((await a.get(`/store/customers/me/addresses/${id}`)).status).toBe(404)
  })

  test("one customer's Idempotency-Key never replays another customer's answer", async () => {
    const a = shopper(t)
    const b = shopper(t)
    await a.signUp('idem-a@example.test')
    await b.signUp('idem-b@example.test')
    const key = { 'idempotency-key': 'export-1' }
    expect((await a.post('/store/customers/me/data-export', {}, key)).body.customer.email).toBe('idem-a@example.test')
    const replay = await a.post('/store/customers/me/data-export', {}, key)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    const other = await b.post('/store/customers/me/data-export', {}, key)
    expect(other.headers['idempotent-replayed']).toBeUndefined()
    expect(other.body.customer.email).toBe('idem-b@example.test')
  })

  test('signed-out requests get 401 unauthorized', async () => {
    const s = shopper(t)
    for (const r of [
      await s.get('/store/customers/me'),
      await s.get('/store/customers/me/orders'),
      await s.get('/store/customers/me/addresses'),
      await s.post('/store/customers/me/addresses', ADDRESS),
      await s.post('/store/customers/me/data-export'),
      await s.post('/store/customers/me/erasure', { password: 'x' }),
    ]) {
      expect(r.status).toBe(401)
      expect(r.body.error.code).toBe('unauthorized')
    }
  })

  test('CSRF: a change with the session cookie needs the session token; another site is refused', async () => {
    const s = shopper(t)
    await s.signUp('csrf@example.test')
    const cookie = `crest_session=${s.cookie}`
    const post = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/store/customers/me/addresses',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        payload: JSON.stringify(ADDRESS),
      })
    const none = await post({})
    expect(none.statusCode).toBe(403)
    expect(none.json().error.code).toBe('csrf_failed')
    expect((await post({ 'x-csrf-token': 'x'.repeat(43) })).statusCode).toBe(403)
    expect((await post({ 'x-csrf-token': s.csrf as string, origin: 'https://evil.example' })).statusCode).toBe(403)
    expect((await post({ 'x-csrf-token': s.csrf as string, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403)
    expect((await post({ 'x-csrf-token': s.csrf as string, origin: 'http://localhost:80' })).statusCode).toBe(201)
    // sign-in from another site (login CSRF) is refused too
    const login = await t.app.inject({
      method: 'POST',
      url: '/store/auth/login',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      payload: JSON.stringify({ email: 'csrf@example.test', password: 'correct horse battery' }),
    })
    expect(login.statusCode).toBe(403)
    // sign-out without the token does not end the session
    const out = await t.app.inject({ method: 'POST', url: '/store/auth/logout', headers: { cookie } })
    expect(out.statusCode).toBe(403)
    expect((await s.get('/store/customers/me')).status).toBe(200)
  })

  test('injection and script payloads in every string field: 4xx or stored inert, never 5xx', async () => {
    const s = shopper(t)
    await s.signUp('payloads@example.test')
    const before = await queryRows<{ n: number }>(t.engines.db.orm, sql`select count(*)::int as n from customers.accounts`)
    const statuses: number[] = []
    for (const p of PAYLOADS) {
      for (const r of [
        await shopper(t).signUp(p),
        await shopper(t).signUp(`x${Math.random()}@example.test`, p, p),
        await shopper(t).login(p, p),
        await shopper(t).post('/store/auth/password-reset', { email: p }),
        await shopper(t).post('/store/auth/password-reset/confirm', { token: p, password: p }),
        await shopper(t).post('/store/customers/verify-email', { token: p }),
        await s.get(`/store/customers/me/addresses/${encodeURIComponent(p.slice(0, 60))}`),
        await s.get(`/store/customers/me/orders?cursor=${encodeURIComponent(p.slice(0, 400))}`),
      ])
        statuses.push(r.status)
      for (const field of ['name', 'line1', 'line2', 'city', 'region', 'postal_code', 'phone', 'country'] as const) {
        const r = await s.post('/store/customers/me/addresses', { ...ADDRESS, [field]: p })
        statuses.push(r.status)
        if (r.status === 201) {
          // stored as given (trimmed), and served back as data, never interpreted
          expect(r.body.address[field]).toBe(p.trim())
          const back = await s.get(`/store/customers/me/addresses/${r.body.address.id}`)
          expect(back.body.address[field]).toBe(p.trim())
          await s.del(`/store/customers/me/addresses/${r.body.address.id}`)
        } else expect(r.status).toBe(422)
      }
    }
    expect(statuses.filter((x) => x >= 500)).toEqual([])
    expect(statuses.some((x) => x >= 400 && x < 500)).toBe(true)
    const after = await queryRows<{ n: number }>(t.engines.db.orm, sql`select count(*)::int as n from customers.accounts`)
    expect(after[0]?.n).toBeGreaterThanOrEqual(before[0]?.n ?? 0)
  })

  test('oversized and malformed bodies: 4xx with a stable code', async () => {
    const s = shopper(t)
    await s.signUp('bodies@example.test')
    const big = await s.post('/store/customers/me/addresses', { ...ADDRESS, line2: 'x'.repeat(20_000) })
    expect(big.status).toBe(413)
    expect(big.body.error.code).toBe('payload_too_large')
    const bigLogin = await shopper(t).post('/store/auth/login', { email: 'a@b.c', password: 'x'.repeat(20_000) })
    expect(bigLogin.status).toBe(413)
    expect((await s.send('POST', '/store/customers/me/addresses', '{"name": ', { 'content-type': 'application/json' })).status).toBe(400)
    expect((await s.send('POST', '/store/auth/login', '<email>a</email>', { 'content-type': 'application/xml' })).status).toBe(415)
    expect((await s.send('POST', '/store/auth/login', 'email=a', { 'content-type': 'text/plain' })).status).toBe(422)
    expect((await s.post('/store/customers/me/addresses', { ...ADDRESS, name: 42 })).status).toBe(422)
    expect((await s.post('/store/customers/me/addresses', [ADDRESS])).status).toBe(422)
    expect((await s.post('/store/auth/login', { email: ['a'], password: null })).status).toBe(422)
    expect((await s.post('/store/customers/me/addresses', { ...ADDRESS, name: 'a\u0000b' })).status).toBeLessThan(500)
    expect((await s.get('/store/customers/me/orders?limit=1000')).status).toBe(400)
    expect((await s.get(`/store/customers/me/addresses/${'x'.repeat(300)}`)).status).toBeLessThan(500)
    const garbageCookie = await t.app.inject({
      method: 'GET',
      url: '/store/customers/me',
      headers: { cookie: 'crest_session=%%%; crest_session=cses_x' },
    })
    expect(garbageCookie.statusCode).toBe(401)
  })
})
