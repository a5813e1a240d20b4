import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import { startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { cartWith, checkout, firstVariant, ledgerOf, stockExactly, stockOf } from './shop.ts'

const BUYERS = 500
const UNITS = 50

describe.each(engineKinds())('%s: 500 buyers racing for 50 units', (engine) => {
  let t: TestApp
  let sandbox: Awaited<ReturnType<typeof startSandboxPayments>>
  beforeAll(async () => {
    sandbox = await startSandboxPayments({ port: 0 })
    // this race is about the stock, not about shedding: no limit (fixed or by latency) turns a buyer away
    t = await startTestApp({
      engine,
      seedProducts: 5,
      env: { PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}`, SHED_CHECKOUT_CONCURRENCY: '4000', SHED_LATENCY_TARGET_MS: '0' },
    })
  }, 120_000)
  afterAll(async () => {
    await t?.close()
    await sandbox?.close()
  })

  test('exactly 50 are sold, the rest get out_of_stock, stock and ledger agree with the orders', async () => {
    const variantId = await firstVariant(t)
    await stockExactly(t, variantId, UNITS)
    const carts = []
    for (let i = 0; i < BUYERS; i += 50) carts.push(...(await Promise.all(Array.from({ length: 50 }, () => cartWith(t, variantId)))))
    const answers = await Promise.all(carts.map((c) => checkout(t, c)))
    const sold = answers.filter((a) => a.status === 201)
    const refused = answers.filter((a) => a.status === 409)
    const statuses: Record<number, number> = {}
    for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1
    expect(sold.length, JSON.stringify(statuses)).toBe(UNITS)
    expect(refused.length, JSON.stringify(statuses)).toBe(BUYERS - UNITS)
    for (const r of refused) {
      expect(r.body.error.code).toBe('out_of_stock')
      expect(r.body.error.details.variants[0].variant_id).toBe(variantId)
    }
    expect(await stockOf(t, variantId)).toEqual({ on_hand: UNITS, reserved: UNITS })
    const [orders] = await queryRows<{ placed: number }>(
      t.engines.db.orm,
      sql`select count(*)::int as placed from orders.orders where status = 'placed'`,
    )
    expect(orders?.placed).toBe(UNITS)
    const auths = (await ledgerOf(sandbox.url)).filter((e) => e.type === 'authorization')
    expect(auths.length).toBe(UNITS)
    expect(new Set(auths.map((a) => a.reference))).toEqual(new Set(sold.map((s) => s.body.order.id)))
    const [invariant] = await queryRows<{ bad: number }>(
      t.engines.db.orm,
      sql`select count(*)::int as bad from inventory.stock_levels where reserved < 0 or reserved > on_hand`,
    )
    expect(invariant?.bad).toBe(0)
  }, 240_000)
})
