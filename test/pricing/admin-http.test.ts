import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createShipping, shippingAdminRoutes } from '../../src/modules/fulfillment/index.ts'
import { promotionsAdminRoutes } from '../../src/modules/promotions/index.ts'
import { createTax, taxAdminRoutes } from '../../src/modules/tax/index.ts'
import { requireBearer } from '../../src/platform/auth/bearer-auth.ts'
import { createServer } from '../../src/platform/http/create-server.ts'
import { registerOpenApi } from '../../src/platform/http/openapi.ts'
import { createLogger } from '../../src/platform/logging/create-logger.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { promotionsOn } from './pricing-fixtures.ts'

type Db = Awaited<ReturnType<typeof createTestDatabase>>
const STAFF = { authorization: 'Bearer staff-token' }

describe.each(engineKinds())('promotions, tax and shipping admin HTTP on %s', (engine) => {
  let db: Db
  let app: FastifyInstance
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, headers: Record<string, string> = STAFF) => {
    const r = await app.inject({ method, url, headers, ...(payload && { payload }) })
    return { status: r.statusCode, body: r.json() }
  }

  beforeAll(async () => {
    db = await createTestDatabase(engine)
    app = createServer(createLogger('silent'))
    await registerOpenApi(app, { title: 'Crest test', version: '0' })
    const requireStaff = requireBearer(async (t) =>
      t === 'staff-token' ? { kind: 'staff', id: 'usr_1', role: 'owner', email: 'o@example.com' } : null,
    )
    await app.register(promotionsAdminRoutes({ promotions: promotionsOn(db).promotions, requireStaff }), { prefix: '/admin' })
    await app.register(taxAdminRoutes({ tax: createTax({ db }), requireStaff }), { prefix: '/admin' })
    await app.register(shippingAdminRoutes({ shipping: createShipping({ db }), requireStaff }), { prefix: '/admin' })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await db?.close()
  })

  test('every route asks for a staff token', async () => {
    for (const [method, url] of [
      ['GET', '/admin/promotions'],
      ['POST', '/admin/promotions'],
      ['PATCH', '/admin/promotions/x'],
      ['GET', '/admin/tax-rates'],
      ['PUT', '/admin/tax-rates/NO'],
      ['GET', '/admin/shipping/zones'],
      ['POST', '/admin/shipping/zones'],
      ['POST', '/admin/shipping/options'],
    ] as const) {
      const r = await call(method, url, method === 'GET' ? undefined : {}, {})
      expect([url, r.status, r.body.error.code]).toEqual([url, 401, 'unauthorized'])
    }
  })

  test('promotions: create, duplicate code, invalid input, patch, list', async () => {
    const created = await call('POST', '/admin/promotions', {
      code: 'WELCOME10',
      name: 'Welcome',
      kind: 'percentage',
      value: 1000,
      usage_limit: 100,
      per_customer_limit: 1,
      starts_at: '2025-01-01T00:00:00Z',
      ends_at: '2030-01-01T00:00:00+01:00',
    })
    expect(created.status).toBe(201)
    expect(created.body.promotion).toMatchObject({ code: 'WELCOME10', ends_at: '2029-12-31T23:00:00.000Z', times_used: 0 })
    const id = created.body.promotion.id

    const dup = await call('POST', '/admin/promotions', { code: 'welcome10', name: 'Again', kind: 'percentage', value: 500 })
    expect([dup.status, dup.body.error.code, dup.body.error.details]).toEqual([409, 'code_taken', { promo_code: 'welcome10' }])
    const badSchema = await call('POST', '/admin/promotions', { code: 'a b', name: 'X', kind: 'percentage', value: 500 })
    expect([badSchema.status, badSchema.body.error.code]).toEqual([422, 'invalid_request'])
    const badRule = await call('POST', '/admin/promotions', { name: 'X', kind: 'percentage', value: 10_001 })
    expect([badRule.status, badRule.body.error.code, badRule.body.error.details.fields[0].field]).toEqual([422, 'invalid_request', 'value'])
    const noCurrency = await call('POST', '/admin/promotions', { name: 'X', kind: 'fixed', value: 500 })
    expect([noCurrency.status, noCurrency.body.error.details.fields[0].field]).toEqual([422, 'currency'])

    const patched = await call('PATCH', `/admin/promotions/${id}`, { active: false, ends_at: null, usage_limit: null })
    expect(patched.status).toBe(200)
    expect(patched.body.promotion).toMatchObject({
      active: false,
      ends_at: null,
      usage_limit: null,
      per_customer_limit: 1,
      name: 'Welcome',
    })
    expect((await call('PATCH', `/admin/promotions/${id}`, { value: 5 })).status).toBe(422) // kind and value are fixed
    const missing = await call('PATCH', '/admin/promotions/promo_missing', { active: true })
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found'])

    await call('POST', '/admin/promotions', { name: 'Auto', kind: 'free_shipping', currency: 'EUR', min_subtotal: 5000 })
    const page = await call('GET', '/admin/promotions?limit=1')
    expect([page.status, page.body.promotions.length, typeof page.body.next_cursor]).toEqual([200, 1, 'string'])
    const rest = await call('GET', `/admin/promotions?limit=100&cursor=${page.body.next_cursor}`)
    expect(rest.body).toMatchObject({ promotions: [{ id }], next_cursor: null })
  })

  test('tax rates: set and list', async () => {
    const put = await call('PUT', '/admin/tax-rates/no', { rate_bp: 2500, name: 'MVA' })
    expect(put).toEqual({ status: 200, body: { rate: { country: 'NO', region: '', rate_bp: 2500, name: 'MVA' } } })
    expect((await call('PUT', '/admin/tax-rates/US', { rate_bp: 725, region: 'ca' })).body.rate).toEqual({
      country: 'US',
      region: 'CA',
      rate_bp: 725,
      name: 'Tax',
    })
    expect((await call('PUT', '/admin/tax-rates/NO', { rate_bp: 10_001 })).status).toBe(422)
    expect((await call('PUT', '/admin/tax-rates/NOR', { rate_bp: 100 })).status).toBe(400)
    expect((await call('GET', '/admin/tax-rates')).body.rates.map((r: { country: string }) => r.country)).toEqual(['NO', 'US'])
  })

  test('shipping: zones and options', async () => {
    const zone = await call('POST', '/admin/shipping/zones', { name: 'Nordics', countries: ['no', 'SE'] })
    expect(zone.status).toBe(201)
    expect(zone.body.zone).toMatchObject({ name: 'Nordics', countries: ['NO', 'SE'], options: [] })
    const taken = await call('POST', '/admin/shipping/zones', { name: 'Norway', countries: ['NO'] })
    expect([taken.status, taken.body.error.code, taken.body.error.details.countries]).toEqual([409, 'country_taken', ['NO']])
    const option = await call('POST', '/admin/shipping/options', {
      zone_id: zone.body.zone.id,
      name: 'Standard',
      kind: 'flat',
      currency: 'NOK',
      amount: 6900,
      free_above: 59_900,
    })
    expect(option.status).toBe(201)
    const noZone = await call('POST', '/admin/shipping/options', { zone_id: 'zone_x', name: 'S', kind: 'flat', currency: 'NOK', amount: 1 })
    expect([noZone.status, noZone.body.error.code]).toEqual([422, 'unknown_zone'])
    const badCurrency = await call('POST', '/admin/shipping/options', {
      zone_id: zone.body.zone.id,
      name: 'S',
      kind: 'flat',
      currency: 'JPY',
      amount: 1,
    })
    expect([badCurrency.status, badCurrency.body.error.code]).toEqual([422, 'invalid_request'])
    const list = await call('GET', '/admin/shipping/zones')
    expect(list.body.zones).toEqual([{ ...zone.body.zone, options: [option.body.option] }])
  })

  test('the routes appear in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
    for (const p of [
      '/admin/promotions',
      '/admin/promotions/{id}',
      '/admin/tax-rates',
      '/admin/tax-rates/{country}',
      '/admin/shipping/zones',
      '/admin/shipping/options',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p)
    }
  })
})
