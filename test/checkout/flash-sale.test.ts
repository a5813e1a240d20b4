import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import { startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { cartWith, checkout, firstVariant, ledgerOf, post, stockExactly, stockOf } from './shop.ts'

const BUYERS = 200
const UNITS = 20

const count = async (t: TestApp, query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.engines.db.orm, query))[0]?.n ?? -1

const setups = engineKinds().flatMap((engine) => [
  { engine, redis: false },
  ...(engine === 'postgres' && process.env.REDIS_URL ? [{ engine, redis: true }] : []),
])

describe.each(setups)('flash sale on $engine (Redis gate: $redis)', ({ engine, redis }) => {
  let t: TestApp
  let sandbox: Awaited<ReturnType<typeof startSandboxPayments>>
  let auth: Record<string, string>
  beforeAll(async () => {
    sandbox = await startSandboxPayments({ port: 0 })
    t = await startTestApp({
      engine,
      redis,
      seedProducts: 5,
      env: { PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}`, SHED_CHECKOUT_CONCURRENCY: '1000' },
    })
    auth = { authorization: `Bearer ${await staffToken(t)}` }
  }, 120_000)
  afterAll(async () => {
    await t?.close()
    await sandbox?.close()
  })

  const openSale = async (variantId: string, active = true) => {
    const r = await fetch(`${t.url}/admin/flash-sales/${variantId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ active }),
    })
    expect(r.status).toBe(200)
    return (await r.json()) as { units: number | null }
  }

  test('200 buyers for 20 units: 20 orders; the rest are told "sold out" without touching the database', async () => {
    const variantId = await firstVariant(t, 0)
    await stockExactly(t, variantId, UNITS)
    const carts = []
    for (let i = 0; i < BUYERS; i += 50) carts.push(...(await Promise.all(Array.from({ length: 50 }, () => cartWith(t, variantId)))))
    expect((await openSale(variantId)).units).toBe(UNITS)

    const answers = await Promise.all(carts.map((c) => checkout(t, c)))
    const sold = answers.filter((a) => a.status === 201)
    const refused = answers.filter((a) => a.status === 409)
    expect(sold.length).toBe(UNITS)
    expect(refused.length).toBe(BUYERS - UNITS)
    for (const r of refused)
      expect(r.body.error).toMatchObject({ code: 'out_of_stock', details: { variants: [{ variant_id: variantId }] } })

    expect(await stockOf(t, variantId)).toEqual({ on_hand: UNITS, reserved: UNITS })
    const auths = (await ledgerOf(sandbox.url)).filter((e) => e.type === 'authorization')
    expect(new Set(auths.map((a) => a.reference))).toEqual(new Set(sold.map((s) => s.body.order.id)))
    // the refused buyers left no trace: no order, no reservation, their carts still open
    expect(
      await count(
        t,
        sql`select count(*)::int as n from orders.orders o join orders.items i on i.order_id = o.id where i.variant_id = ${variantId}`,
      ),
    ).toBe(UNITS)
    expect(await count(t, sql`select count(*)::int as n from inventory.reservations where variant_id = ${variantId}`)).toBe(UNITS)
    const refusedCarts = carts.filter((_, i) => answers[i]?.status === 409).map((c) => c.cartId)
    expect(await count(t, sql`select count(*)::int as n from cart.carts where status = 'active' and id in ${refusedCarts}`)).toBe(
      BUYERS - UNITS,
    )
    await openSale(variantId, false)
  }, 240_000)

  test('the shortcut only refuses what the gate would: a cart that dropped the item, or asks for what is left, goes through', async () => {
    const hot = await firstVariant(t, 1)
    const other = await firstVariant(t, 2)
    await stockExactly(t, hot, 3)
    await stockExactly(t, other, 10)
    const first = await cartWith(t, hot, 2)
    const second = await cartWith(t, hot, 2)
    const changedMind = await cartWith(t, hot, 1)
    const cart = (await (await fetch(`${t.url}/store/carts/${changedMind.cartId}`)).json()) as { cart: { items: { id: string }[] } }
    const line = cart.cart.items[0]?.id
    expect((await fetch(`${t.url}/store/carts/${changedMind.cartId}/items/${line}`, { method: 'DELETE' })).status).toBe(200)
    expect((await post(`${t.url}/store/carts/${changedMind.cartId}/items`, { variant_id: other, quantity: 1 })).status).toBe(200)
    await openSale(hot)

    expect((await checkout(t, first)).status).toBe(201)
    const tooMany = await checkout(t, second) // 2 asked, 1 left
    expect(tooMany.status).toBe(409)
    expect(tooMany.body.error.details.variants).toEqual([{ variant_id: hot, requested: 2, available: 0 }])
    expect((await checkout(t, changedMind)).status).toBe(201)
    const lastOne = await cartWith(t, hot, 1)
    expect((await checkout(t, lastOne)).status).toBe(201)
    expect(await stockOf(t, hot)).toEqual({ on_hand: 3, reserved: 3 })
    await openSale(hot, false)
  }, 120_000)

  test('past the last unit "sold out" comes before the request is read; a replay with its Idempotency-Key still gets its order', async () => {
    const hot = await firstVariant(t, 3)
    await stockExactly(t, hot, 1)
    const winner = await cartWith(t, hot)
    const late = await cartWith(t, hot)
    await openSale(hot)
    const key = { 'idempotency-key': `flash-${winner.cartId}` }
    const bought = await checkout(t, winner, 'tok_ok', key)
    expect(bought.status).toBe(201)

    // the late buyer's form is not even looked at: the cart alone says there is nothing left
    const soldOut = await post(`${t.url}/store/carts/${late.cartId}/checkout`, {})
    expect(soldOut.status).toBe(409)
    expect(soldOut.body.error).toMatchObject({
      code: 'out_of_stock',
      details: { variants: [{ variant_id: hot, requested: 1, available: 0 }] },
    })
    // with a key the request goes the whole way: a bad form is still a bad form, and a replay gets its first answer
    const invalid = await post(`${t.url}/store/carts/${late.cartId}/checkout`, {}, { 'idempotency-key': `flash-${late.cartId}` })
    expect(invalid.status).toBe(422)
    const replay = await checkout(t, winner, 'tok_ok', key)
    expect(replay.status).toBe(201)
    expect(replay.body.order.id).toBe(bought.body.order.id)
    expect(await stockOf(t, hot)).toEqual({ on_hand: 1, reserved: 1 })
    await openSale(hot, false)
  }, 120_000)

  test('a unit freed by a staff cancel goes back on sale: the buyer told "sold out" can then buy it', async () => {
    const hot = await firstVariant(t, 4)
    await stockExactly(t, hot, 1)
    const first = await cartWith(t, hot)
    const second = await cartWith(t, hot)
    await openSale(hot)
    const bought = await checkout(t, first)
    expect(bought.status, JSON.stringify(bought.body)).toBe(201)
    expect((await checkout(t, second)).body.error?.code).toBe('out_of_stock')

    const canceled = await post(`${t.url}/admin/orders/${bought.body.order.id}/cancel`, { note: 'changed their mind' }, auth)
    expect(canceled.status, JSON.stringify(canceled.body)).toBe(200)
    const again = await checkout(t, second)
    expect(again.status, JSON.stringify(again.body)).toBe(201)
    expect(await stockOf(t, hot)).toEqual({ on_hand: 1, reserved: 1 })
    await openSale(hot, false)
  }, 120_000)
})
