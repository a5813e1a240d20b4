import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ordersAdminRoutes, type OrdersApi, ordersStoreRoutes } from '../../src/modules/orders/index.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { errorBody } from '../../src/platform/http/error-body.ts'
import { createServer } from '../../src/platform/http/create-server.ts'
import { registerOpenApi } from '../../src/platform/http/openapi.ts'
import { createLogger } from '../../src/platform/logging/create-logger.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { manualClock, ordersOn, placeNew } from './fixtures.ts'

const STAFF = { authorization: 'Bearer staff-token' }

const requireStaff = async (req: FastifyRequest, reply: FastifyReply) => {
  if (req.headers.authorization !== STAFF.authorization) {
    reply.code(401).send(errorBody('unauthorized', 'Sign in.'))
    return reply
  }
}

describe.each(engineKinds())('orders over HTTP on %s', (engine) => {
  let db: Database
  let orders: OrdersApi
  let app: FastifyInstance
  // orders placed within one millisecond have no newest among them, so the test moves the clock
  const clock = manualClock()

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const r = await app.inject({ method: 'GET', url, headers })
    return { status: r.statusCode, body: r.json(), headers: r.headers }
  }

  beforeAll(async () => {
    db = await createTestDatabase(engine)
    orders = ordersOn(db, clock)
    app = createServer(createLogger('silent'))
    await registerOpenApi(app, { title: 'Crest test', version: '0' })
    const customerIdOf = (req: FastifyRequest) => {
      const v = req.headers['x-test-customer']
      return typeof v === 'string' ? v : undefined
    }
    await app.register(ordersStoreRoutes({ orders, customerIdOf }), { prefix: '/store' })
    await app.register(ordersAdminRoutes({ orders, requireStaff }), { prefix: '/admin' })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await db?.close()
  })

  describe('GET /store/orders/:id', () => {
    test('answers the order to the holder of its token, never cached, without staff-only fields', async () => {
      const { order, accessToken } = await placeNew(db, orders, { customerId: 'cus_7' })
      const r = await get(`/store/orders/${order.id}`, { 'x-order-token': accessToken })
      expect(r.status).toBe(200)
      expect(r.headers['cache-control']).toBe('private, no-store')
      expect(r.body.order).toMatchObject({
        id: order.id,
        number: order.number,
        status: 'pending',
        payment_status: 'pending',
        fulfillment_status: 'unfulfilled',
        email: order.email,
        total: order.total,
        tracking: [],
        items: order.items,
      })
      expect(r.body.order.history).toEqual(order.history.map(({ note: _note, ...h }) => h))
      for (const hidden of ['access_token', 'access_token_hash', 'customer_id', 'payment_provider', 'cart_id']) {
        expect(r.body.order).not.toHaveProperty(hidden)
      }
      const asCustomer = await get(`/store/orders/${order.id}`, { 'x-test-customer': 'cus_7' })
      expect(asCustomer.status).toBe(200)
    })

    test('404 with the error shape for a wrong token, no token, another customer or an unknown id', async () => {
      const { order } = await placeNew(db, orders, { customerId: 'cus_8' })
      const other = await placeNew(db, orders)
      for (const [url, headers] of [
        [`/store/orders/${order.id}`, {}],
        [`/store/orders/${order.id}`, { 'x-order-token': 'otok_guess' }],
        [`/store/orders/${order.id}`, { 'x-order-token': other.accessToken }],
        [`/store/orders/${order.id}`, { 'x-test-customer': 'cus_9' }],
        ['/store/orders/ord_nope', { 'x-order-token': other.accessToken }],
      ] as const) {
        const r = await get(url, headers)
        expect(r.status).toBe(404)
        expect(r.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
        expect(r.headers['cache-control']).toBe('private, no-store')
      }
    })
  })

  describe('admin', () => {
    test('requires staff', async () => {
      expect((await get('/admin/orders')).status).toBe(401)
      expect((await get('/admin/orders/ord_x')).status).toBe(401)
    })

    test('GET /admin/orders/:id shows the full order with notes; 404 when unknown', async () => {
      const { order } = await placeNew(db, orders, { customerId: 'cus_1' })
      const moved = await orders.transition({ orderId: order.id, field: 'status', to: 'canceled', note: 'customer called' })
      const r = await get(`/admin/orders/${order.id}`, STAFF)
      expect(r.status).toBe(200)
      expect(r.headers['cache-control']).toBe('private, no-store')
      expect(r.body).toEqual({ order: moved.ok && moved.value })
      expect(r.body.order.history.at(-1)).toMatchObject({ field: 'status', from: 'pending', status: 'canceled', note: 'customer called' })
      const missing = await get('/admin/orders/ord_missing', STAFF)
      expect(missing.status).toBe(404)
      expect(missing.body.error.code).toBe('not_found')
    })

    test('GET /admin/orders filters and paginates with next_cursor', async () => {
      const email = `pages-${Date.now()}@example.test`
      const made = []
      for (let i = 0; i < 5; i++) {
        clock.advance(1000)
        made.push((await placeNew(db, orders, { email })).order.id)
      }
      const seen: string[] = []
      let url = `/admin/orders?email=${encodeURIComponent(email.toUpperCase())}&status=pending&limit=2`
      for (;;) {
        const r = await get(url, STAFF)
        expect(r.status).toBe(200)
        expect(r.body.orders.length).toBeLessThanOrEqual(2)
        seen.push(...r.body.orders.map((o: { id: string }) => o.id))
        if (r.body.next_cursor === null) break
        url = `/admin/orders?email=${encodeURIComponent(email)}&status=pending&limit=2&cursor=${r.body.next_cursor}`
      }
      expect(seen).toEqual([...made].reverse())
      const defaults = await get('/admin/orders', STAFF)
      expect(defaults.status).toBe(200)
      expect(defaults.body.orders.length).toBeLessThanOrEqual(20)
    })

    test('bad queries are 400 with a stable code, never 500', async () => {
      const cursor = await get('/admin/orders?cursor=garbage', STAFF)
      expect(cursor.status).toBe(400)
      expect(cursor.body.error.code).toBe('invalid_cursor')
      for (const q of ['status=shipped', 'payment_status=placed', 'fulfillment_status=x', 'limit=0', 'limit=101', 'limit=abc']) {
        const r = await get(`/admin/orders?${q}`, STAFF)
        expect(r.status, q).toBe(400)
        expect(r.body.error.code).toBe('invalid_request')
      }
    })
  })

  test('the routes appear in the OpenAPI document with their schemas', async () => {
    const doc = (await get('/openapi.json')).body
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/store/orders/{id}', '/admin/orders', '/admin/orders/{id}']))
    const list = doc.paths['/admin/orders'].get
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['status', 'payment_status', 'fulfillment_status', 'email', 'limit', 'cursor']),
    )
    expect(doc.paths['/store/orders/{id}'].get.parameters.map((p: { name: string }) => p.name)).toContain('x-order-token')
  })
})
