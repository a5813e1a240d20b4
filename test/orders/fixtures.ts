import { sql } from 'drizzle-orm'
import { type Database, queryRows } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/ids/new-id.ts'
import { createOrders, type NewOrder, type OrdersApi } from '../../src/modules/orders/index.ts'

/** A clock the test moves by hand. */
export const manualClock = (start = '2026-01-05T10:00:00.000Z') => {
  let t = Date.parse(start)
  return {
    now: () => new Date(t),
    set: (iso: string) => {
      t = Date.parse(iso)
    },
    advance: (ms: number) => {
      t += ms
    },
  }
}

export const ordersOn = (db: Database, clock: { now: () => Date } = { now: () => new Date() }): OrdersApi =>
  createOrders({ db, clock, newId })

export const newOrderInput = (o: Partial<NewOrder> = {}): NewOrder => ({
  id: newId('ord'),
  cartId: newId('cart'),
  email: 'shopper@example.test',
  customerId: null,
  currency: 'EUR',
  items: [
    { variantId: 'var_lantern_s', sku: 'LANTERN-S', title: 'Lantern, small', quantity: 2, unitPrice: 1999 },
    { variantId: 'var_mug', sku: 'MUG-1', title: 'Enamel mug', quantity: 1, unitPrice: 850 },
  ],
  totals: { subtotal: 4848, discountTotal: 0, shippingTotal: 490, taxTotal: 1212, total: 5338 },
  shippingAddress: { name: 'Kari Nordmann', line1: 'Storgata 1', city: 'Oslo', postal_code: '0155', country: 'NO' },
  shippingOption: { id: 'ship_std', name: 'Standard', amount: { amount: 490, currency: 'EUR' } },
  discounts: [],
  paymentProvider: 'sandbox',
  ...o,
})

/** Creates an order in its own committed transaction. */
export const placeNew = async (db: Database, orders: OrdersApi, o: Partial<NewOrder> = {}) =>
  db.orm.transaction((tx) => orders.createOrder(tx, newOrderInput(o)))

export const outboxOf = (db: Database, orderId: string) =>
  queryRows<{ topic: string; payload: Record<string, unknown> }>(
    db.orm,
    sql`select topic, payload from platform.outbox where aggregate_id = ${orderId} order by created_at, id`,
  )

export const countRows = async (db: Database, table: 'orders' | 'items' | 'history', orderId: string): Promise<number> => {
  const column = table === 'orders' ? sql`id` : sql`order_id`
  const rows = await queryRows<{ n: number }>(
    db.orm,
    sql`select count(*)::int as n from ${sql.identifier('orders')}.${sql.identifier(table)} where ${column} = ${orderId}`,
  )
  return rows[0]?.n ?? 0
}
