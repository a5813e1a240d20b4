import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import { startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { crest, type ServeProcess, startServe } from '../support/crest-process.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { address, cartWith, firstVariant, ledgerOf, stockExactly, stockOf } from './shop.ts'

// biome-ignore lint/suspicious/noExplicitAny: response JSON, asserted field by field in tests
type Answer = { status: number; headers: Headers; body: any }

/** POST a checkout and keep the response headers (shop.ts's `post` drops them). */
const checkoutRaw = async (
  baseUrl: string,
  c: { cartId: string; shippingOptionId: string },
  token = 'tok_ok',
  headers: Record<string, string> = {},
): Promise<Answer> => {
  const r = await fetch(`${baseUrl}/store/carts/${c.cartId}/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      email: 'buyer@example.test',
      shipping_address: address,
      shipping_option_id: c.shippingOptionId,
      payment: { provider: 'sandbox', token },
    }),
  })
  return { status: r.status, headers: r.headers, body: await r.json() }
}

const authsFor = async (sandboxUrl: string, reference?: string) =>
  (await ledgerOf(sandboxUrl)).filter((e) => e.type === 'authorization' && (reference === undefined || e.reference === reference))

describe.each(engineKinds())('%s: checkout idempotency', (engine) => {
  let t: TestApp
  let sandbox: Awaited<ReturnType<typeof startSandboxPayments>>
  let variantId: string
  beforeAll(async () => {
    sandbox = await startSandboxPayments({ port: 0 })
    t = await startTestApp({ engine, seedProducts: 5, env: { PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}` } })
    variantId = await firstVariant(t)
    await stockExactly(t, variantId, 100)
  }, 120_000)
  afterAll(async () => {
    await t?.close()
    await sandbox?.close()
  })

  const ordersOfCart = async (cartId: string) =>
    queryRows<{ id: string; status: string }>(t.engines.db.orm, sql`select id, status from orders.orders where cart_id = ${cartId}`)

  test('a sequential replay (same key, same body) returns the first order and charges once', async () => {
    const c = await cartWith(t, variantId)
    const key = randomUUID()
    const first = await checkoutRaw(t.url, c, 'tok_ok', { 'idempotency-key': key })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    const second = await checkoutRaw(t.url, c, 'tok_ok', { 'idempotency-key': key })
    expect(second.status).toBe(201)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(second.body.order.id).toBe(first.body.order.id)
    expect(second.body).toEqual(first.body)
    expect(await ordersOfCart(c.cartId)).toEqual([{ id: first.body.order.id, status: 'placed' }])
    expect((await authsFor(sandbox.url, first.body.order.id)).length).toBe(1)
  })

  test('the same checkout sent twice at once (same key) makes one order and one authorisation', async () => {
    for (let round = 0; round < 5; round++) {
      const c = await cartWith(t, variantId)
      const key = randomUUID()
      const answers = await Promise.all([0, 1].map(() => checkoutRaw(t.url, c, 'tok_ok', { 'idempotency-key': key })))
      const created = answers.filter((a) => a.status === 201)
      const others = answers.filter((a) => a.status !== 201)
      expect(created.length, JSON.stringify(answers.map((a) => [a.status, a.body]))).toBeGreaterThanOrEqual(1)
      for (const o of others) {
        expect(o.status).toBe(409)
        expect(o.body.error.code).toBe('idempotency_in_progress')
      }
      // when both are 201, the second is a replay of the first
      if (created.length === 2) {
        expect(created.some((a) => a.headers.get('idempotent-replayed') === 'true')).toBe(true)
        expect(created[0]?.body.order.id).toBe(created[1]?.body.order.id)
      }
      const orderId = created[0]?.body.order.id as string
      expect(await ordersOfCart(c.cartId)).toEqual([{ id: orderId, status: 'placed' }])
      expect((await authsFor(sandbox.url, orderId)).length).toBe(1)
    }
  })

  test('without a key, a second checkout of a checked-out cart is refused (409 cart_not_active) and charges nothing', async () => {
    const c = await cartWith(t, variantId)
    const first = await checkoutRaw(t.url, c)
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    const authsBefore = (await authsFor(sandbox.url)).length
    const stockBefore = await stockOf(t, variantId)
    const second = await checkoutRaw(t.url, c)
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('cart_not_active')
    expect((await authsFor(sandbox.url)).length).toBe(authsBefore)
    expect(await stockOf(t, variantId)).toEqual(stockBefore)
    expect((await ordersOfCart(c.cartId)).length).toBe(1)
  })

  test('a declined payment gives 402, leaves reserved as before, and the cart can then be checked out', async () => {
    const c = await cartWith(t, variantId, 2)
    const before = await stockOf(t, variantId)
    const authsBefore = (await authsFor(sandbox.url)).length
    const declined = await checkoutRaw(t.url, c, 'tok_declined')
    expect(declined.status).toBe(402)
    expect(declined.body.error.code).toBe('payment_declined')
    expect(await stockOf(t, variantId)).toEqual(before)
    expect((await authsFor(sandbox.url)).length).toBe(authsBefore)
    const [failed] = await ordersOfCart(c.cartId)
    expect(failed?.status).toBe('canceled')
    const [held] = await queryRows<{ n: number }>(
      t.engines.db.orm,
      sql`select count(*)::int as n from inventory.reservations where ref = ${failed?.id} and status in ('active', 'committed')`,
    )
    expect(held?.n).toBe(0)

    const paid = await checkoutRaw(t.url, c, 'tok_ok')
    expect(paid.status, JSON.stringify(paid.body)).toBe(201)
    expect(await stockOf(t, variantId)).toEqual({ on_hand: before.on_hand, reserved: before.reserved + 2 })
    expect((await authsFor(sandbox.url, paid.body.order.id)).length).toBe(1)
  })
})

/**
 * A real `crest serve` process is SIGKILLed while the gateway call of a checkout is in flight (the
 * order and its reservation are committed, the payment never settles). A second process on the same
 * database must release the reservation once it expires and must not charge twice.
 */
describe.skipIf(!process.env.DATABASE_URL)('postgres: a crash between reservation and payment', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>
  let sandbox: Awaited<ReturnType<typeof startSandboxPayments>>
  let env: Record<string, string>
  const serves: ServeProcess[] = []
  beforeAll(async () => {
    db = await createTestDatabase('postgres')
    sandbox = await startSandboxPayments({ port: 0, latencyMs: 3000 })
    env = {
      DATABASE_URL: db.url as string,
      PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}`,
      RESERVATION_TTL_SECONDS: '3',
      RESERVATION_SWEEP_INTERVAL_MS: '500',
      PAYMENT_RECONCILE_AFTER_SECONDS: '60',
      SANDBOX_PAYMENTS_PORT: '0',
      LOG_LEVEL: 'warn',
    }
    await crest(['seed', '--products', '5'], env)
  }, 180_000)
  afterAll(async () => {
    for (const s of serves) if (s.child.exitCode === null && s.child.signalCode === null) await s.stop()
    await sandbox?.close()
    await db?.close()
  })

  test('leaves no stock reserved beyond the reservation expiry and no double charge', async () => {
    const first = await startServe(env)
    serves.push(first)
    const email = `staff-${randomUUID().slice(0, 8)}@example.test`
    await crest(['user', 'create', '--email', email, '--password', 'correct horse battery', '--role', 'owner'], env)
    const tokenRes = await fetch(`${first.url}/admin/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    })
    expect(tokenRes.status).toBe(200)
    const { token } = (await tokenRes.json()) as { token: string }
    const page = (await (await fetch(`${first.url}/store/products?limit=5`)).json()) as { products: { variants: { id: string }[] }[] }
    const variantId = page.products[0]?.variants[0]?.id as string
    expect(variantId).toBeTruthy()
    const set = await fetch(`${first.url}/admin/inventory/${variantId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ on_hand: 10 }),
    })
    expect(set.status).toBe(200)

    const stock = async () => {
      const [row] = await queryRows<{ on_hand: number; reserved: number }>(
        db.orm,
        sql`select sum(on_hand)::int as on_hand, sum(reserved)::int as reserved from inventory.stock_levels where variant_id = ${variantId}`,
      )
      return row as { on_hand: number; reserved: number }
    }
    const before = await stock()
    const c = await cartWith({ url: first.url } as TestApp, variantId, 2)
    const inFlight = checkoutRaw(first.url, c).catch((e: unknown) => e)
    await new Promise((r) => setTimeout(r, 300))
    const [order] = await queryRows<{ id: string; status: string }>(
      db.orm,
      sql`select id, status from orders.orders where cart_id = ${c.cartId}`,
    )
    expect(order?.status, 'the order is committed before payment').toBe('pending')
    expect(await stock()).toEqual({ on_hand: before.on_hand, reserved: before.reserved + 2 })
    first.child.kill('SIGKILL')
    await inFlight
    const orderId = order?.id as string

    const second = await startServe(env)
    serves.push(second)
    const reservations = () =>
      queryRows<{ status: string; expired: boolean }>(
        db.orm,
        sql`select status, expires_at < now() as expired from inventory.reservations where ref = ${orderId}`,
      )
    const deadline = Date.now() + 20_000
    let settled = false
    while (Date.now() < deadline) {
      const rs = await reservations()
      if (rs.every((r) => r.status !== 'active')) {
        settled = true
        break
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    expect(settled, `reservations still active: ${JSON.stringify(await reservations())}\n${second.output()}`).toBe(true)
    // the expiry job asks the gateway again (3 s latency) and voids what it authorised before canceling
    const statusOf = async () =>
      (await queryRows<{ status: string }>(db.orm, sql`select status from orders.orders where id = ${orderId}`))[0]?.status
    const settleBy = Date.now() + 20_000
    while ((await statusOf()) === 'pending' && Date.now() < settleBy) await new Promise((r) => setTimeout(r, 250))
    const final = { status: await statusOf() }
    const ledger = (await ledgerOf(sandbox.url)).filter((e) => e.reference === orderId)
    const auths = ledger.filter((e) => e.type === 'authorization')
    expect(auths.length, 'never charged twice').toBeLessThanOrEqual(1)
    if (final?.status === 'placed') {
      expect(auths.length).toBe(1)
      expect((await reservations()).map((r) => r.status)).toEqual(['committed'])
      expect(await stock()).toEqual({ on_hand: before.on_hand, reserved: before.reserved + 2 })
    } else {
      expect(final?.status).toBe('canceled')
      expect((await reservations()).every((r) => r.status === 'released')).toBe(true)
      expect(await stock()).toEqual(before)
      // an authorisation the gateway made for the dead request must not stay held on a canceled order
      expect(ledger.filter((e) => e.type === 'void').length, `ledger for canceled ${orderId}: ${JSON.stringify(ledger)}`).toBe(auths.length)
    }
  }, 90_000)
})
