import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Order, OrdersApi, StatusField } from '../../src/modules/orders/index.ts'
import { AppError } from '../../src/platform/app-error.ts'
import { type Database, queryRows } from '../../src/platform/db/database.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { countRows, newOrderInput, ordersOn, outboxOf, placeNew } from './fixtures.ts'

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.value
}

describe.each(engineKinds())('orders on %s', (engine) => {
  let db: Database
  let orders: OrdersApi

  beforeAll(async () => {
    db = await createTestDatabase(engine)
    orders = ordersOn(db)
  })
  afterAll(() => db?.close())

  describe('createOrder', () => {
    test('writes the order, items, initial history and an outbox event in the given transaction', async () => {
      const input = newOrderInput({ email: '  Kari@Example.TEST ' })
      const { order, accessToken } = await db.orm.transaction((tx) => orders.createOrder(tx, input))
      expect(accessToken).toMatch(/^otok_[A-Za-z0-9_-]{43}$/)
      expect(order).toMatchObject({
        id: input.id,
        status: 'pending',
        payment_status: 'pending',
        fulfillment_status: 'unfulfilled',
        email: 'kari@example.test',
        customer_id: null,
        currency: 'EUR',
        tracking: [],
        total: { amount: 5338, currency: 'EUR' },
        shipping_total: { amount: 490, currency: 'EUR' },
      })
      expect(order.number).toMatch(/^\d+$/)
      expect(Number(order.number)).toBeGreaterThanOrEqual(1001)
      expect(order.items.map((i) => [i.sku, i.quantity, i.unit_price.amount, i.total.amount])).toEqual([
        ['LANTERN-S', 2, 1999, 3998],
        ['MUG-1', 1, 850, 850],
      ])
      expect(order.history.map((h) => [h.field, h.from, h.status])).toEqual([
        ['status', null, 'pending'],
        ['payment_status', null, 'pending'],
        ['fulfillment_status', null, 'unfulfilled'],
      ])
      // built without a read-back, yet exactly what a read answers
      expect(unwrap(await orders.getOrder(order.id))).toEqual(order)
      expect(await orders.getOrderByCart(input.cartId)).toEqual(order)
      const events = await outboxOf(db, order.id)
      expect(events.map((e) => e.topic)).toEqual(['orders.order_created.v1'])
      expect(events[0]?.payload).toMatchObject({ order_id: order.id, number: order.number, cart_id: input.cartId, total: 5338 })
      const [stored] = await queryRows<{ h: string }>(db.orm, sql`select access_token_hash as h from orders.orders where id = ${order.id}`)
      expect(stored?.h).toMatch(/^[0-9a-f]{64}$/)
      expect(stored?.h).not.toContain(accessToken.slice(5))
    })

    test('a rolled-back transaction leaves nothing behind', async () => {
      const input = newOrderInput()
      await expect(
        db.orm.transaction(async (tx) => {
          await orders.createOrder(tx, input)
          throw new Error('checkout failed later')
        }),
      ).rejects.toThrow('checkout failed later')
      expect((await orders.getOrder(input.id)).ok).toBe(false)
      expect(await orders.getOrderByCart(input.cartId)).toBeNull()
      for (const table of ['orders', 'items', 'history'] as const) expect(await countRows(db, table, input.id)).toBe(0)
      expect(await outboxOf(db, input.id)).toEqual([])
    })

    test('numbers are unique and increasing, also when orders are created concurrently', async () => {
      const sequential: number[] = []
      for (let i = 0; i < 5; i++) sequential.push(Number((await placeNew(db, orders)).order.number))
      expect([...sequential].sort((a, b) => a - b)).toEqual(sequential)
      expect(new Set(sequential).size).toBe(5)
      const parallel = await Promise.all(Array.from({ length: 10 }, () => placeNew(db, orders)))
      const numbers = parallel.map((p) => Number(p.order.number))
      expect(new Set(numbers).size).toBe(10)
      expect(Math.min(...numbers)).toBeGreaterThan(Math.max(...sequential))
    })

    test('a second order for the same cart is refused as ORDERS_CART_ALREADY_ORDERED', async () => {
      const first = await placeNew(db, orders)
      const cartId = (await queryRows<{ c: string }>(db.orm, sql`select cart_id as c from orders.orders where id = ${first.order.id}`))[0]
        ?.c
      const again = placeNew(db, orders, { cartId })
      await expect(again).rejects.toBeInstanceOf(AppError)
      await expect(again).rejects.toMatchObject({ code: 'ORDERS_CART_ALREADY_ORDERED' })
    })
  })

  describe('transition', () => {
    const historyOf = (o: Order) => o.history.map((h) => `${h.field}:${h.from ?? '∅'}>${h.status}`)

    test('moves each field along its machine, with history rows and outbox events', async () => {
      const { order } = await placeNew(db, orders)
      const steps = [
        ['payment_status', 'authorized'],
        ['status', 'placed'],
        ['payment_status', 'captured'],
        ['fulfillment_status', 'partially_fulfilled'],
        ['fulfillment_status', 'fulfilled'],
        ['status', 'completed'],
      ] as const
      let last = order
      for (const [field, to] of steps) last = unwrap(await orders.transition({ orderId: order.id, field, to, note: `to ${to}` }))
      expect(last).toMatchObject({ status: 'completed', payment_status: 'captured', fulfillment_status: 'fulfilled' })
      expect(historyOf(last).slice(3)).toEqual([
        'payment_status:pending>authorized',
        'status:pending>placed',
        'payment_status:authorized>captured',
        'fulfillment_status:unfulfilled>partially_fulfilled',
        'fulfillment_status:partially_fulfilled>fulfilled',
        'status:placed>completed',
      ])
      expect(last.history.at(-1)?.note).toBe('to completed')
      const times = last.history.map((h) => Date.parse(h.at))
      expect([...times].sort((a, b) => a - b)).toEqual(times)
      expect(unwrap(await orders.getOrder(order.id))).toEqual(last)
      // outbox rows of one millisecond have no defined order: compare as a multiset
      const topics = (await outboxOf(db, order.id)).map((e) => e.topic).sort()
      expect(topics).toEqual(
        [
          'orders.order_created.v1',
          'orders.payment_status_changed.v1',
          'orders.status_changed.v1',
          'orders.order_placed.v1',
          'orders.payment_status_changed.v1',
          'orders.fulfillment_status_changed.v1',
          'orders.fulfillment_status_changed.v1',
          'orders.status_changed.v1',
        ].sort(),
      )
      const changed = (await outboxOf(db, order.id)).find((e) => e.topic === 'orders.status_changed.v1')
      expect(changed?.payload).toMatchObject({ order_id: order.id, field: 'status', from: 'pending', to: 'placed' })
    })

    test('canceling announces the items so stock can be released', async () => {
      const { order } = await placeNew(db, orders)
      const canceled = unwrap(await orders.transition({ orderId: order.id, field: 'status', to: 'canceled', note: 'payment declined' }))
      expect(canceled.status).toBe('canceled')
      const event = (await outboxOf(db, order.id)).find((e) => e.topic === 'orders.order_canceled.v1')
      expect(event?.payload).toMatchObject({
        order_id: order.id,
        from: 'pending',
        items: [
          { variant_id: 'var_lantern_s', sku: 'LANTERN-S', quantity: 2 },
          { variant_id: 'var_mug', sku: 'MUG-1', quantity: 1 },
        ],
      })
    })

    test('an invalid transition is refused with from and to, and writes nothing', async () => {
      const { order } = await placeNew(db, orders)
      const r = await orders.transition({ orderId: order.id, field: 'status', to: 'completed' })
      expect(r).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'ORDERS_INVALID_TRANSITION', field: 'status', from: 'pending', to: 'completed' }),
      })
      const unknown = await orders.transition({ orderId: order.id, field: 'payment_status', to: 'placed' })
      expect(unknown.ok || unknown.error).toMatchObject({ code: 'ORDERS_INVALID_TRANSITION', from: 'pending', to: 'placed' })
      expect(unwrap(await orders.getOrder(order.id))).toEqual(order)
      expect((await outboxOf(db, order.id)).length).toBe(1)
    })

    test('an unknown field is refused as an invalid transition', async () => {
      const { order } = await placeNew(db, orders)
      const r = await orders.transition({ orderId: order.id, field: 'colour' as StatusField, to: 'red' })
      expect(r.ok || r.error).toMatchObject({ code: 'ORDERS_INVALID_TRANSITION', field: 'colour', to: 'red' })
    })

    test('an unknown order is ORDERS_NOT_FOUND', async () => {
      const r = await orders.transition({ orderId: 'ord_missing', field: 'status', to: 'placed' })
      expect(r.ok || r.error.code).toBe('ORDERS_NOT_FOUND')
    })

    test('moving to the current value is a successful no-op: no history row, no event', async () => {
      const { order } = await placeNew(db, orders)
      const placed = unwrap(await orders.transition({ orderId: order.id, field: 'status', to: 'placed' }))
      const events = (await outboxOf(db, order.id)).length
      const again = unwrap(await orders.transition({ orderId: order.id, field: 'status', to: 'placed' }))
      expect(again).toEqual(placed)
      const initial = unwrap(await orders.transition({ orderId: order.id, field: 'fulfillment_status', to: 'unfulfilled' }))
      expect(initial.history).toEqual(placed.history)
      expect((await outboxOf(db, order.id)).length).toBe(events)
    })

    test('runs inside the caller transaction: several moves keep their order, a rollback undoes them all', async () => {
      const { order } = await placeNew(db, orders)
      const inTx = await db.orm.transaction(async (tx) => {
        unwrap(await orders.transition({ orderId: order.id, field: 'payment_status', to: 'authorized' }, tx))
        unwrap(await orders.transition({ orderId: order.id, field: 'status', to: 'placed' }, tx))
        return unwrap(await orders.getOrder(order.id, tx))
      })
      expect(historyOf(inTx).slice(3)).toEqual(['payment_status:pending>authorized', 'status:pending>placed'])
      expect(new Set(inTx.history.map((h) => h.at)).size).toBe(inTx.history.length - 2)

      const other = (await placeNew(db, orders)).order
      await expect(
        db.orm.transaction(async (tx) => {
          unwrap(await orders.transition({ orderId: other.id, field: 'status', to: 'canceled' }, tx))
          throw new Error('compensation failed')
        }),
      ).rejects.toThrow('compensation failed')
      expect(unwrap(await orders.getOrder(other.id))).toEqual(other)
      expect((await outboxOf(db, other.id)).length).toBe(1)
    })

    test('transitionMany moves several fields at once with history in order, events for each, and all or nothing', async () => {
      const { order } = await placeNew(db, orders)
      const placed = unwrap(
        await orders.transitionMany({
          orderId: order.id,
          changes: [
            { field: 'payment_status', to: 'authorized' },
            { field: 'status', to: 'placed', note: 'paid' },
          ],
        }),
      )
      expect([placed.status, placed.payment_status]).toEqual(['placed', 'authorized'])
      expect(historyOf(placed).slice(3)).toEqual(['payment_status:pending>authorized', 'status:pending>placed'])
      const [h1, h2] = placed.history.slice(3)
      expect(Date.parse(h2?.at ?? '')).toBeGreaterThan(Date.parse(h1?.at ?? ''))
      expect(h2?.note).toBe('paid')
      expect(unwrap(await orders.getOrder(order.id))).toEqual(placed)
      // in the order they happened (ids ascend within a transaction's batch)
      expect((await outboxOf(db, order.id)).map((e) => e.topic)).toEqual([
        'orders.order_created.v1',
        'orders.payment_status_changed.v1',
        'orders.status_changed.v1',
        'orders.order_placed.v1',
      ])

      const other = (await placeNew(db, orders)).order
      const refused = await orders.transitionMany({
        orderId: other.id,
        changes: [
          { field: 'payment_status', to: 'authorized' },
          { field: 'fulfillment_status', to: 'delivered' },
        ],
      })
      expect(refused).toMatchObject({ ok: false, error: { code: 'ORDERS_INVALID_TRANSITION', field: 'fulfillment_status' } })
      expect(unwrap(await orders.getOrder(other.id))).toEqual(other)
      expect((await outboxOf(db, other.id)).length).toBe(1)
      const twice = await orders.transitionMany({
        orderId: other.id,
        changes: [
          { field: 'payment_status', to: 'authorized' },
          { field: 'payment_status', to: 'captured' },
        ],
      })
      expect(twice).toMatchObject({ ok: false, error: { code: 'ORDERS_INVALID_TRANSITION', field: 'payment_status' } })
      expect(unwrap(await orders.getOrder(other.id))).toEqual(other)
      expect(await orders.transitionMany({ orderId: 'ord_missing', changes: [{ field: 'status', to: 'placed' }] })).toMatchObject({
        ok: false,
        error: { code: 'ORDERS_NOT_FOUND' },
      })
    })

    test('concurrent transitions of one order from the same state: exactly one wins', async () => {
      const { order } = await placeNew(db, orders)
      const targets = Array.from({ length: 20 }, (_, i) => (i % 2 ? 'authorized' : 'failed'))
      const results = await Promise.all(targets.map((to) => orders.transition({ orderId: order.id, field: 'payment_status', to })))
      const after = unwrap(await orders.getOrder(order.id))
      const winner = after.payment_status
      expect(['authorized', 'failed']).toContain(winner)
      const moves = after.history.filter((h) => h.field === 'payment_status' && h.from !== null)
      expect(moves.map((h) => `${h.from}>${h.status}`)).toEqual([`pending>${winner}`])
      results.forEach((r, i) => {
        if (targets[i] === winner) expect(r.ok).toBe(true)
        else expect(r.ok || r.error).toMatchObject({ code: 'ORDERS_INVALID_TRANSITION', from: winner, to: targets[i] })
      })
      const changed = (await outboxOf(db, order.id)).filter((e) => e.topic === 'orders.payment_status_changed.v1')
      expect(changed.length).toBe(1)
    })

    test('concurrent refunds from different states record the true from-state', async () => {
      const { order } = await placeNew(db, orders)
      for (const to of ['authorized', 'captured']) unwrap(await orders.transition({ orderId: order.id, field: 'payment_status', to }))
      const targets = Array.from({ length: 10 }, (_, i) => (i % 2 ? 'partially_refunded' : 'refunded'))
      await Promise.all(targets.map((to) => orders.transition({ orderId: order.id, field: 'payment_status', to })))
      const after = unwrap(await orders.getOrder(order.id))
      const moves = after.history.filter((h) => h.field === 'payment_status' && h.from !== null).slice(2)
      let current = 'captured'
      for (const h of moves) {
        expect(h.from).toBe(current)
        current = h.status
      }
      expect(after.payment_status).toBe(current)
    })
  })

  describe('shopper access', () => {
    test('the right token or the owning customer opens the order; anything else is not found', async () => {
      const mine = await placeNew(db, orders, { customerId: 'cus_owner' })
      const theirs = await placeNew(db, orders)
      const id = mine.order.id
      expect(unwrap(await orders.getOrderForShopper({ id, accessToken: mine.accessToken }))).toEqual(mine.order)
      expect(unwrap(await orders.getOrderForShopper({ id, customerId: 'cus_owner' })).id).toBe(id)
      expect(unwrap(await orders.getOrderForShopper({ id, accessToken: 'otok_wrong', customerId: 'cus_owner' })).id).toBe(id)
      for (const attempt of [
        { id },
        { id, accessToken: '' },
        { id, accessToken: 'otok_wrong' },
        { id, accessToken: theirs.accessToken },
        { id, customerId: 'cus_other' },
        { id, customerId: '' },
        { id: theirs.order.id, customerId: 'cus_owner' },
        { id: 'ord_missing', accessToken: mine.accessToken },
      ]) {
        const r = await orders.getOrderForShopper(attempt)
        expect(r.ok || r.error.code).toBe('ORDERS_NOT_FOUND')
      }
    })
  })
})
