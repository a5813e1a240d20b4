import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ORDERS_TOPICS } from '../../src/modules/orders/index.ts'
import { transitionEvents } from '../../src/modules/orders/events.ts'
import { queryRows } from '../../src/platform/db/database.ts'
import type { TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { cartWith, checkout, firstVariant, shopWithSandbox, stockExactly, stockOf } from './shop.ts'

type OutboxRow = { id: string; topic: string; payload: Record<string, unknown> }

/**
 * A paid checkout is settled by one database function (migration 0012, decision 0025). What it
 * writes must be what the TypeScript side describes: the state machine's moves, a history entry
 * per move, the events transitionEvents() gives for them, in order, and the order in the answer
 * as the API reads it back.
 */
describe.each(engineKinds())('%s: settling a paid checkout in one call', (engine) => {
  let t: TestApp
  let variantId: string
  let close = async () => {}
  beforeAll(async () => {
    ;({ t, close } = await shopWithSandbox(engine))
    variantId = await firstVariant(t)
    await stockExactly(t, variantId, 5)
  }, 120_000)
  afterAll(() => close())

  const eventsOf = (orderId: string) =>
    queryRows<OutboxRow>(
      t.engines.db.orm,
      sql`select id, topic, payload from platform.outbox where aggregate_id = ${orderId} order by created_at, id`,
    )

  test('the placed order, its history and its events match what the orders module describes', async () => {
    const c = await cartWith(t, variantId, 2)
    const placed = await checkout(t, c)
    expect(placed.status, JSON.stringify(placed.body)).toBe(201)
    const answered = placed.body.order
    expect(answered).toMatchObject({ status: 'placed', payment_status: 'authorized', fulfillment_status: 'unfulfilled' })

    const read = await t.modules.orders.getOrder(answered.id)
    if (!read.ok) throw new Error(read.error.message)
    const order = read.value
    // the answer is the order as the API reads it (the access token aside, which only the answer carries)
    expect(answered).toEqual(expect.objectContaining(JSON.parse(JSON.stringify(order))))

    const moves = order.history.filter((h) => h.from !== null)
    expect(moves.map((h) => [h.field, h.from, h.status])).toEqual([
      ['payment_status', 'pending', 'authorized'],
      ['status', 'pending', 'placed'],
    ])
    const created = order.history.filter((h) => h.from === null)
    const lastCreated = created.map((h) => Date.parse(h.at)).reduce((a, b) => Math.max(a, b))
    expect(Date.parse(moves[0]?.at ?? '')).toBeGreaterThan(lastCreated)
    expect(Date.parse(moves[1]?.at ?? '')).toBe(Date.parse(moves[0]?.at ?? '') + 1)

    const expected = moves.flatMap((h) =>
      transitionEvents(order, { field: h.field as 'status' | 'payment_status', from: h.from ?? '', to: h.status, note: h.note, at: h.at }),
    )
    const written = (await eventsOf(order.id)).filter((e) => e.topic !== ORDERS_TOPICS.orderCreated)
    expect(written.map((e) => ({ topic: e.topic, payload: e.payload }))).toEqual(
      expected.map((e) => ({ topic: e.topic, payload: JSON.parse(JSON.stringify(e.payload)) })),
    )

    const cart = await queryRows<{ status: string }>(t.engines.db.orm, sql`select status from cart.carts where id = ${c.cartId}`)
    expect(cart[0]?.status).toBe('completed')
    const pending = await queryRows<{ n: number }>(
      t.engines.db.orm,
      sql`select count(*)::int as n from checkout.pending_payments where order_id = ${order.id}`,
    )
    expect(pending[0]?.n).toBe(0)
    const holds = await queryRows<{ status: string }>(
      t.engines.db.orm,
      sql`select status from inventory.reservations where ref = ${order.id}`,
    )
    expect(holds.map((h) => h.status)).toEqual(['committed'])
    expect(await stockOf(t, variantId)).toEqual({ on_hand: 5, reserved: 2 })
  })
})
