import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import type { TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { cartWith, checkout, firstVariant, shopWithSandbox } from './shop.ts'

/**
 * A checkout of one variant makes its writes before the payment in one call of `checkout.place`
 * (migration 0013, decision 0025), the stock hold included. When the stock cannot be held whole at
 * one location, that call undoes its writes and the checkout goes on with the planned reservation;
 * when there is not enough stock at all, nothing of it remains.
 */
describe.each(engineKinds())('%s: placing an order of one variant in one call', (engine) => {
  let t: TestApp
  let variantId: string
  let locations: string[]
  let close = async () => {}
  beforeAll(async () => {
    ;({ t, close } = await shopWithSandbox(engine))
    variantId = await firstVariant(t)
    locations = (await t.modules.inventory.listLocations()).filter((l) => l.serves_storefront).map((l) => l.id)
    if (locations.length < 2) throw new Error('the seed should have two storefront locations')
  }, 120_000)
  afterAll(() => close())
  beforeEach(async () => {
    // no earlier test's holds: every test sets the stock it needs
    await t.engines.db.orm.execute(sql`update inventory.reservations set status = 'released' where variant_id = ${variantId}`)
    await t.engines.db.orm.execute(sql`update inventory.stock_levels set reserved = 0 where variant_id = ${variantId}`)
  })

  const stockAt = async (onHand: readonly number[]) => {
    for (const [i, id] of locations.entries()) await t.modules.inventory.setOnHand({ variantId, onHand: onHand[i] ?? 0, locationId: id })
  }
  const reservedAt = async () => {
    const rows = await queryRows<{ location_id: string; reserved: number }>(
      t.engines.db.orm,
      sql`select location_id, reserved from inventory.stock_levels where variant_id = ${variantId}`,
    )
    return locations.map((id) => rows.find((r) => r.location_id === id)?.reserved ?? 0)
  }
  const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.engines.db.orm, query))[0]?.n ?? 0
  const traceOf = async (cartId: string) => ({
    orders: await count(sql`select count(*)::int as n from orders.orders where cart_id = ${cartId}`),
    events: await count(
      sql`select count(*)::int as n from platform.outbox where topic = 'orders.order_created.v1' and payload->>'cart_id' = ${cartId}`,
    ),
    pending: await count(sql`select count(*)::int as n from checkout.pending_payments where cart_id = ${cartId}`),
    cart: (await queryRows<{ status: string }>(t.engines.db.orm, sql`select status from cart.carts where id = ${cartId}`))[0]?.status,
  })

  test('held whole at the location with most free units, in the one call', async () => {
    await stockAt([3, 7])
    const c = await cartWith(t, variantId, 2)
    const placed = await checkout(t, c)
    expect(placed.status, JSON.stringify(placed.body)).toBe(201)
    expect(await reservedAt()).toEqual([0, 2])
    expect(await traceOf(c.cartId)).toEqual({ orders: 1, events: 1, pending: 0, cart: 'completed' })
  })

  test('stock only a split can serve: the call is undone and the planned reservation places the order once', async () => {
    await stockAt([3, 4])
    const c = await cartWith(t, variantId, 6)
    const placed = await checkout(t, c)
    expect(placed.status, JSON.stringify(placed.body)).toBe(201)
    expect(await reservedAt()).toEqual([2, 4])
    // one order, one order_created event: the undone call left nothing of its own
    expect(await traceOf(c.cartId)).toEqual({ orders: 1, events: 1, pending: 0, cart: 'completed' })
    const number = (
      await queryRows<{ number: string }>(t.engines.db.orm, sql`select number::text from orders.orders where cart_id = ${c.cartId}`)
    )[0]
    const event = (
      await queryRows<{ number: string }>(
        t.engines.db.orm,
        sql`select payload->>'number' as number from platform.outbox where topic = 'orders.order_created.v1' and payload->>'cart_id' = ${c.cartId}`,
      )
    )[0]
    expect(event?.number).toBe(number?.number)
  })

  test('not enough units in all locations together: out_of_stock with the units free, and nothing written', async () => {
    await stockAt([3, 4])
    const c = await cartWith(t, variantId, 7)
    await stockAt([2, 4])
    const refused = await checkout(t, c)
    expect(refused.status, JSON.stringify(refused.body)).toBe(409)
    expect(refused.body.error).toMatchObject({ code: 'out_of_stock' })
    expect(JSON.stringify(refused.body.error)).toContain(variantId)
    expect(await reservedAt()).toEqual([0, 0])
    expect(await traceOf(c.cartId)).toEqual({ orders: 0, events: 0, pending: 0, cart: 'active' })
  })

  test('a cart already checked out is refused before anything is written', async () => {
    await stockAt([5, 5])
    const c = await cartWith(t, variantId, 1)
    expect((await checkout(t, c)).status).toBe(201)
    const again = await checkout(t, c)
    expect(again.status).toBe(409)
    expect(await traceOf(c.cartId)).toEqual({ orders: 1, events: 1, pending: 0, cart: 'completed' })
    expect(await reservedAt()).toEqual([1, 0])
  })
})
