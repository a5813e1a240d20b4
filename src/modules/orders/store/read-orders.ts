import { asc, eq, inArray, type SQL, sql } from 'drizzle-orm'
import { compiled } from '../../../platform/db/compiled-statement.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { rowFromJson } from '../../../platform/db/row-from-json.ts'
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

type ItemJson = { id: string; variant_id: string; sku: string; title: string; quantity: number; unit_price: number; total: number }
type HistoryJson = { field: HistoryRow['field']; from_value: string | null; to_value: string; note: string; at: string }

/**
 * One order with its items and history in a single statement (they come back as JSON arrays), and
 * its row (for checks on columns the API never shows, such as the access token's hash), or null.
 */
export const readOrderAndRow = async (ex: Executor, where: SQL): Promise<{ order: Order; row: OrderRow } | null> => {
  const [found] = await selectWhole(ex, where)
  return found ? fromWhole(found) : null
}

/** As readOrderAndRow, for the order with this id (the statement is built once). */
export const readOrderAndRowById = async (ex: Executor, id: string): Promise<{ order: Order; row: OrderRow } | null> => {
  const [found] = await selectWholeById(ex, { id })
  return found ? fromWhole(found) : null
}

const selectWhole = (ex: Executor, where: SQL) =>
  ex
    .select({
      row: orders,
      items: sql<ItemJson[]>`coalesce((select json_agg(json_build_object('id', i.id, 'variant_id', i.variant_id, 'sku', i.sku,
        'title', i.title, 'quantity', i.quantity, 'unit_price', i.unit_price, 'total', i.total) order by i.id)
        from orders.items i where i.order_id = orders.orders.id), '[]'::json)`,
      history: sql<HistoryJson[]>`coalesce((select json_agg(json_build_object('field', h.field, 'from_value', h.from_value,
        'to_value', h.to_value, 'note', h.note, 'at', to_char(h.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by h.at, h.id)
        from orders.history h where h.order_id = orders.orders.id), '[]'::json)`,
    })
    .from(orders)
    .where(where)
    .limit(1)

const selectWholeById = compiled((ex) => selectWhole(ex, eq(orders.id, sql.placeholder('id'))))

type Whole = Awaited<ReturnType<typeof selectWhole>>[number]

const fromWhole = (found: Pick<Whole, 'row' | 'items' | 'history'>): { order: Order; row: OrderRow } => {
  const r = found.row
  const items = parsed<ItemJson>(found.items).map((i) =>
    toItem(
      { id: i.id, variantId: i.variant_id, sku: i.sku, title: i.title, quantity: i.quantity, unitPrice: i.unit_price, total: i.total },
      r.currency,
    ),
  )
  const history = parsed<HistoryJson>(found.history).map((h) =>
    toHistory({ field: h.field, fromValue: h.from_value, toValue: h.to_value, note: h.note, at: new Date(h.at) }),
  )
  return { order: toOrder(r, items, history), row: r }
}

/** node-postgres and PGlite parse `json` columns; a raw string would mean a driver that does not. */
const parsed = <T>(v: T[] | string): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : v)

/** One order with items and history (one statement), or null. */
export const readOrder = async (ex: Executor, where: SQL): Promise<Order | null> => (await readOrderAndRow(ex, where))?.order ?? null

/** The order with this id, with items and history (one statement, built once), or null. */
export const readOrderById = async (ex: Executor, id: string): Promise<Order | null> => (await readOrderAndRowById(ex, id))?.order ?? null

/** What the database function `orders.order_json` returns (migration 0012): the row as `to_jsonb` gives it. */
export type OrderJson = { row: Record<string, unknown>; items: ItemJson[]; history: HistoryJson[] }

/** The order `orders.order_json` describes, as the API answers it. */
export const orderFromJson = (j: OrderJson): Order => {
  const row = rowFromJson(orders, j.row)
  return fromWhole({ row, items: j.items, history: j.history }).order
}
