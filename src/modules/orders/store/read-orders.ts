import { asc, inArray, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import type { Address, FulfillmentStatus, HistoryEntry, Order, OrderItem, OrderStatus, PaymentStatus } from '../contract.ts'
import { orderHistory, orderItems, orders } from '../schema.ts'

export type OrderRow = typeof orders.$inferSelect
type ItemRow = typeof orderItems.$inferSelect
type HistoryRow = typeof orderHistory.$inferSelect

const money = (amount: number, currency: string) => ({ amount, currency })

export const toItem = (
  i: Pick<ItemRow, 'id' | 'variantId' | 'sku' | 'title' | 'quantity' | 'unitPrice' | 'total'>,
  currency: string,
): OrderItem => ({
  id: i.id,
  variant_id: i.variantId,
  sku: i.sku,
  title: i.title,
  quantity: i.quantity,
  unit_price: money(i.unitPrice, currency),
  total: money(i.total, currency),
})

export const toHistory = (h: Pick<HistoryRow, 'field' | 'fromValue' | 'toValue' | 'note' | 'at'>): HistoryEntry => ({
  field: h.field,
  status: h.toValue,
  from: h.fromValue,
  note: h.note ?? '',
  at: h.at.toISOString(),
})

/** The order as the API answers it: never the token hash or the cart id. */
export const toOrder = (r: OrderRow, items: OrderItem[], history: HistoryEntry[]): Order => ({
  id: r.id,
  number: String(r.number),
  status: r.status as OrderStatus,
  payment_status: r.paymentStatus as PaymentStatus,
  fulfillment_status: r.fulfillmentStatus as FulfillmentStatus,
  email: r.email,
  customer_id: r.customerId,
  currency: r.currency,
  items,
  subtotal: money(r.subtotal, r.currency),
  discount_total: money(r.discountTotal, r.currency),
  shipping_total: money(r.shippingTotal, r.currency),
  tax_total: money(r.taxTotal, r.currency),
  total: money(r.total, r.currency),
  shipping_address: r.shippingAddress as Address,
  shipping_option: (r.shippingOption ?? null) as Order['shipping_option'],
  discounts: (r.discounts ?? []) as Order['discounts'],
  payment_provider: r.paymentProvider,
  history,
  tracking: [],
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})

const groupBy = <T>(rows: T[], key: (r: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>()
  for (const r of rows) {
    const list = m.get(key(r))
    if (list) list.push(r)
    else m.set(key(r), [r])
  }
  return m
}

/** Order rows matching `where` (at most `limit`), in the given order. */
export const selectOrderRows = (ex: Executor, where: SQL | undefined, o: { orderBy?: SQL[]; limit?: number } = {}): Promise<OrderRow[]> => {
  const q = ex
    .select()
    .from(orders)
    .where(where)
    .orderBy(...(o.orderBy ?? []))
  return o.limit === undefined ? q : q.limit(o.limit)
}

/** Completes order rows with their items and history: two more queries, whatever the count. */
export const loadOrders = async (ex: Executor, rows: OrderRow[]): Promise<Order[]> => {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  // one after the other: inside a transaction both would queue on the same connection anyway
  const items = await ex.select().from(orderItems).where(inArray(orderItems.orderId, ids)).orderBy(asc(orderItems.id))
  const history = await ex
    .select()
    .from(orderHistory)
    .where(inArray(orderHistory.orderId, ids))
    .orderBy(asc(orderHistory.at), asc(orderHistory.id))
  const itemsOf = groupBy(items, (i) => i.orderId)
  const historyOf = groupBy(history, (h) => h.orderId)
  return rows.map((r) =>
    toOrder(
      r,
      (itemsOf.get(r.id) ?? []).map((i) => toItem(i, r.currency)),
      (historyOf.get(r.id) ?? []).map(toHistory),
    ),
  )
}

/** One order with items and history (three queries), or null. */
export const readOrder = async (ex: Executor, where: SQL): Promise<Order | null> => {
  const [row] = await selectOrderRows(ex, where, { limit: 1 })
  return row ? ((await loadOrders(ex, [row]))[0] ?? null) : null
}
