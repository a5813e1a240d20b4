import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import { startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { cartWith, firstVariant, stockExactly } from './shop.ts'
import { address } from './shop.ts'

describe.each(engineKinds())('%s: a burst past the checkout line', (engine) => {
  let t: TestApp
  let sandbox: Awaited<ReturnType<typeof startSandboxPayments>>
  beforeAll(async () => {
    sandbox = await startSandboxPayments({ port: 0, latencyMs: 150 })
    // 2 checkouts at work at once (2 × pool of 1), a line of 2 behind them (8 / 4)
    t = await startTestApp({
      engine,
      seedProducts: 3,
      env: {
        PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}`,
        DATABASE_POOL_SIZE: '1',
        SHED_CHECKOUT_CONCURRENCY: '8',
        SHED_LATENCY_TARGET_MS: '0',
      },
    })
  }, 120_000)
  afterAll(async () => {
    await t?.close()
    await sandbox?.close()
  })

  test('is told 503 overloaded with Retry-After, writes nothing, and the same carts check out later', async () => {
    const variantId = await firstVariant(t)
    await stockExactly(t, variantId, 100)
    const carts = await Promise.all(Array.from({ length: 12 }, () => cartWith(t, variantId)))
    const send = (c: { cartId: string; shippingOptionId: string }) =>
      fetch(`${t.url}/store/carts/${c.cartId}/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'burst@example.test',
          shipping_address: address,
          shipping_option_id: c.shippingOptionId,
          payment: { provider: 'sandbox', token: 'tok_ok' },
        }),
      })
    const answers = await Promise.all(carts.map(send))
    const statuses = answers.map((r) => r.status)
    const busy = carts.filter((_, i) => statuses[i] === 503)
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(2)
    expect(busy.length, JSON.stringify(statuses)).toBeGreaterThan(0)
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true)
    for (const [i, r] of answers.entries()) {
      if (statuses[i] !== 503) continue
      expect(r.headers.get('retry-after')).toBe('1')
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('overloaded')
    }
    const busyIds = busy.map((c) => c.cartId)
    const [left] = await queryRows<{ orders: number; open: number }>(
      t.engines.db.orm,
      sql`select (select count(*) from orders.orders where cart_id in ${busyIds})::int as orders,
        (select count(*) from cart.carts where id in ${busyIds} and status = 'active')::int as open`,
    )
    expect(left).toEqual({ orders: 0, open: busy.length })
    for (const c of busy) expect((await send(c)).status).toBe(201)
  }, 120_000)
})
