import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { requireBearer } from '../../../platform/auth/bearer-auth.ts'
import { handleErrors } from '../../../platform/http/handle-errors.ts'
import type { PaymentAttempt, PaymentsApi } from '../contract.ts'
import { paymentsAdminRoutes } from './admin-routes.ts'
import { httpErrorOf } from './error-status.ts'

const attempt: PaymentAttempt = {
  id: 'att_1',
  order_id: 'ord_1',
  gateway: 'primary',
  operation: 'authorize',
  outcome: 'skipped',
  amount: { amount: 100, currency: 'EUR' },
  gateway_ref: null,
  error: 'unavailable: breaker_open',
  duration_ms: 0,
  created_at: '2026-01-01T00:00:00.000Z',
}

const payments = {
  gatewayStatus: () => [
    {
      name: 'primary',
      provider: 'sandbox',
      priority: 0,
      breaker: 'open',
      attempts: 3,
      failures: 3,
      skipped: 1,
      last_error: 'unavailable: http_503',
    },
    { name: 'backup', provider: 'sandbox', priority: 1, breaker: 'closed', attempts: 2, failures: 0, skipped: 0, last_error: null },
  ],
  listAttempts: async (orderId: string) => (orderId === 'ord_1' ? [attempt] : []),
  getPayment: async () => null,
} as unknown as PaymentsApi

const app = Fastify()
beforeAll(async () => {
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  handleErrors(app)
  const requireStaff = requireBearer(async (t) => (t === 'staff' ? { kind: 'staff', id: 'usr_1', role: 'owner', email: 'a@b.c' } : null))
  await app.register(paymentsAdminRoutes({ payments, requireStaff }), { prefix: '/admin' })
})
afterAll(() => app.close())

const get = (url: string, token = 'staff') => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })

test('breaker state per gateway is visible to staff', async () => {
  const r = await get('/admin/payments/gateways')
  expect(r.statusCode).toBe(200)
  expect(r.json().gateways.map((g: { name: string; breaker: string }) => [g.name, g.breaker])).toEqual([
    ['primary', 'open'],
    ['backup', 'closed'],
  ])
})

test('the ledger of an order, and order_id is required', async () => {
  expect((await get('/admin/payments/attempts?order_id=ord_1')).json()).toEqual({ attempts: [attempt] })
  expect((await get('/admin/payments/attempts')).statusCode).toBe(400)
  expect((await get('/admin/payments/orders/ord_x')).statusCode).toBe(404)
})

test('without a staff token: 401', async () => {
  expect((await get('/admin/payments/gateways', 'nope')).statusCode).toBe(401)
})

test('every error code has an HTTP status', () => {
  expect(httpErrorOf({ code: 'PAYMENTS_DECLINED', message: '', gateway: 'g', reason: 'r' })).toEqual({
    status: 402,
    code: 'payment_declined',
  })
  expect(httpErrorOf({ code: 'PAYMENTS_UNAVAILABLE', message: '', tried: [] }).status).toBe(503)
  expect(httpErrorOf({ code: 'PAYMENTS_AMOUNT_EXCEEDED', message: '', available: 0 }).status).toBe(422)
})
