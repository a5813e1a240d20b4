import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Order, OrderListFilter, OrdersApi } from '../../src/modules/orders/index.ts'
import { type Database, queryRows } from '../../src/platform/db/database.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { manualClock, ordersOn, placeNew } from './fixtures.ts'

describe.each(engineKinds())('listing orders on %s', (engine) => {
  let db: Database
  let orders: OrdersApi
  const clock = manualClock('2026-02-01T08:00:00.000Z')
  const created: Order[] = []

  const allPages = async (f: Omit<OrderListFilter, 'cursor'>) => {
    const seen: Order[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 100; pages++) {
      const r = await orders.listOrders({ ...f, ...(cursor && { cursor }) })
      if (!r.ok) throw new Error(r.error.message)
      expect(r.value.orders.length).toBeLessThanOrEqual(f.limit)
      seen.push(...r.value.orders)
      if (!r.value.next_cursor) return seen
      cursor = r.value.next_cursor
    }
    throw new Error('pagination did not end')
  }
  const newestFirst = (list: readonly Order[]) =>
    [...list].sort((a, b) => b.created_at.localeCompare(a.created_at) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0))

  beforeAll(async () => {
    db = await createTestDatabase(engine)
    orders = ordersOn(db, clock)
    // 23 orders; several share a millisecond, so the id must break ties
    for (let i = 0; i < 23; i++) {
      if (i % 3 === 0) clock.advance(1000)
      const email = i % 4 === 0 ? 'Repeat@Example.test' : `shopper${i}@example.test`
      const { order } = await placeNew(db, orders, { email, customerId: i % 5 === 0 ? 'cus_1' : null })
      created.push(order)
    }
    const move = async (o: Order, field: 'status' | 'payment_status' | 'fulfillment_status', to: string) => {
      const r = await orders.transition({ orderId: o.id, field, to })
      if (!r.ok) throw new Error(r.error.message)
    }
    for (const [i, o] of created.entries()) {
      if (i % 2 === 0) await move(o, 'payment_status', 'authorized')
      if (i % 2 === 0) await move(o, 'status', 'placed')
      if (i % 6 === 0) await move(o, 'fulfillment_status', 'fulfilled')
      if (i === 7) await move(o, 'status', 'canceled')
    }
  })
  afterAll(() => db?.close())

  test('keyset pagination visits every order exactly once, newest first', async () => {
    for (const limit of [1, 3, 7, 23, 100]) {
      const seen = await allPages({ limit })
      expect(seen.map((o) => o.id)).toEqual(newestFirst(created).map((o) => o.id))
    }
  })

  test('a page does not shift when orders arrive meanwhile', async () => {
    const first = await orders.listOrders({ limit: 5 })
    if (!first.ok || !first.value.next_cursor) throw new Error('expected a next page')
    const fresh = ordersOn(db, { now: () => new Date('2026-02-01T09:00:00.000Z') })
    const late = await placeNew(db, fresh, { email: 'late@example.test' })
    const second = await orders.listOrders({ limit: 5, cursor: first.value.next_cursor })
    expect(second.ok && second.value.orders.map((o) => o.id)).toEqual(
      newestFirst(created)
        .slice(5, 10)
        .map((o) => o.id),
    )
    await db.orm.execute(sql`delete from orders.history where order_id = ${late.order.id}`)
    await db.orm.execute(sql`delete from orders.items where order_id = ${late.order.id}`)
    await db.orm.execute(sql`delete from orders.orders where id = ${late.order.id}`)
  })

  test('filters by each status field and by e-mail, case-insensitively, across pages', async () => {
    const fresh = await Promise.all(
      created.map(async (o) => {
        const r = await orders.getOrder(o.id)
        if (!r.ok) throw new Error('missing')
        return r.value
      }),
    )
    const cases: [Omit<OrderListFilter, 'cursor' | 'limit'>, (o: Order) => boolean][] = [
      [{ status: 'placed' }, (o) => o.status === 'placed'],
      [{ status: 'canceled' }, (o) => o.status === 'canceled'],
      [{ status: 'pending' }, (o) => o.status === 'pending'],
      [{ paymentStatus: 'authorized' }, (o) => o.payment_status === 'authorized'],
      [{ fulfillmentStatus: 'fulfilled' }, (o) => o.fulfillment_status === 'fulfilled'],
      [{ email: ' REPEAT@example.TEST ' }, (o) => o.email === 'repeat@example.test'],
      [
        { status: 'placed', fulfillmentStatus: 'unfulfilled', email: 'repeat@example.test' },
        (o) => o.status === 'placed' && o.fulfillment_status === 'unfulfilled' && o.email === 'repeat@example.test',
      ],
      [{ email: 'nobody@example.test' }, () => false],
    ]
    for (const [filter, keep] of cases) {
      const expected = newestFirst(fresh.filter(keep)).map((o) => o.id)
      expect((await allPages({ ...filter, limit: 2 })).map((o) => o.id)).toEqual(expected)
    }
    expect(fresh.filter((o) => o.status === 'placed').length).toBeGreaterThan(2)
  })

  test('list entries carry items and history like a single read', async () => {
    const r = await orders.listOrders({ limit: 100 })
    if (!r.ok) throw new Error('list failed')
    for (const o of r.value.orders.slice(0, 5)) expect(await orders.getOrder(o.id)).toEqual({ ok: true, value: o })
  })

  test('a malformed cursor is ORDERS_INVALID_CURSOR', async () => {
    for (const cursor of ['nonsense', Buffer.from('{"t":"x","id":"y"}').toString('base64url'), 'x'.repeat(600)]) {
      const r = await orders.listOrders({ limit: 5, cursor })
      expect(r.ok || r.error.code).toBe('ORDERS_INVALID_CURSOR')
    }
  })

  test('listPendingPayment: old orders still waiting for payment, oldest first', async () => {
    const waiting = created.filter((_, i) => i % 2 === 1 && i !== 7)
    const all = await orders.listPendingPayment(new Date('2030-01-01T00:00:00Z'), 100)
    const ids = all.map((p) => p.id)
    expect(new Set(ids)).toEqual(new Set(waiting.map((o) => o.id)))
    expect(all[0]).toEqual({ id: waiting[0]?.id, total: { amount: 5338, currency: 'EUR' }, paymentProvider: 'sandbox' })
    const [{ t } = { t: '' }] = await queryRows<{ t: string }>(
      db.orm,
      sql`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as t from orders.orders where id = ${waiting[3]?.id}`,
    )
    const older = await orders.listPendingPayment(new Date(t), 100)
    expect(older.map((p) => p.id)).toEqual(ids.slice(0, older.length))
    expect(older.length).toBeLessThan(ids.length)
    expect((await orders.listPendingPayment(new Date('2030-01-01T00:00:00Z'), 2)).length).toBe(2)
  })
})
