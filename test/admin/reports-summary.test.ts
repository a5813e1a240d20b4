// GET /admin/reports/summary over HTTP on each engine: the dashboard's figures from real orders and stock,
// and who may read them (reports:read).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { placeOrder, stockAt, variants } from '../processing/processing-fixture.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'

const PASSWORD = 'correct horse battery'

const tokenFor = async (t: TestApp, role: 'analyst' | 'support' | 'fulfilment') => {
  const email = `${role}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`
  if (!(await t.modules.staff.createUser({ email, password: PASSWORD, role })).ok) throw new Error('no user')
  const r = await t.modules.staff.issueToken({ email, password: PASSWORD })
  if (!r.ok) throw new Error(r.error.message)
  return r.value.token
}

describe.each(engineKinds())('GET /admin/reports/summary on %s', (engine) => {
  let t: TestApp
  let payments: SandboxPayments
  beforeAll(async () => {
    payments = await startSandboxPayments({ port: 0 })
    t = await startTestApp({ engine, seedProducts: 3, env: { PAYMENT_GATEWAYS: `sandbox=sandbox@${payments.url}` } })
  }, 120_000)
  afterAll(async () => {
    await t?.close()
    await payments?.close()
  })

  const summary = async (token: string, query = '') =>
    fetch(`${t.url}/admin/reports/summary${query}`, { headers: { authorization: `Bearer ${token}` } })

  test('today’s orders, revenue, per-minute series, best sellers and low stock', async () => {
    const [a, b] = (await variants(t, 2)) as [string, string]
    await stockAt(t, a, 'warehouse', 50)
    await stockAt(t, b, 'warehouse', 4)
    const first = await placeOrder(t, [{ variantId: a, quantity: 3 }])
    const second = await placeOrder(t, [
      { variantId: a, quantity: 1 },
      { variantId: b, quantity: 1 },
    ])
    const analyst = await tokenFor(t, 'analyst')
    const r = await summary(analyst, '?minutes=10&low_stock_at=3')
    expect(r.status).toBe(200)
    const body = await r.json()
    expect(body.orders_today).toBe(2)
    expect(body.revenue_today).toEqual([{ currency: first.total.currency, amount: first.total.amount + second.total.amount }])
    expect(body.orders_per_minute).toHaveLength(10)
    expect(body.orders_per_minute.reduce((n: number, p: { orders: number }) => n + p.orders, 0)).toBe(2)
    expect(body.top_products[0]).toMatchObject({ variant_id: a, units: 4 })
    expect(body.top_products[1]).toMatchObject({ variant_id: b, units: 1 })
    // b: 4 in stock, 1 sold: 3 sellable, at the threshold; a (46 left) is not listed
    const low = body.low_stock.find((l: { variant_id: string }) => l.variant_id === b)
    expect(low).toMatchObject({ available: 3 })
    expect(low.title).toContain(' — ')
    expect(body.low_stock.some((l: { variant_id: string }) => l.variant_id === a)).toBe(false)
  })

  test('support and fulfilment staff may not read reports; bad query values are 400', async () => {
    expect((await summary(await tokenFor(t, 'support'))).status).toBe(403)
    expect((await summary(await tokenFor(t, 'fulfilment'))).status).toBe(403)
    expect((await fetch(`${t.url}/admin/reports/summary`)).status).toBe(401)
    expect((await summary(await tokenFor(t, 'analyst'), '?minutes=100000')).status).toBe(400)
  })
})
