import { AppError } from '../../../platform/app-error.ts'
import { sql } from 'drizzle-orm'
import { compiledSql, perShape } from '../../../platform/db/compiled-statement.ts'
import type { Executor } from '../../../platform/db/database.ts'
import type { NewOrder, StatusField } from '../contract.ts'
import { orderHistory, orderItems, orders } from '../schema.ts'

export type ItemRow = typeof orderItems.$inferInsert & { readonly id: string }
export type HistoryRow = typeof orderHistory.$inferInsert & { readonly id: string; readonly field: StatusField }

/**
 * Writes a new order, its items and its history in one statement (data-modifying CTEs: one round
 * trip, all or nothing). Returns the number the sequence gave it, the only value the database decides.
 */
export const insertOrder = async (
  tx: Executor,
  w: {
    readonly input: NewOrder
    readonly tokenHash: string
    readonly now: Date
    readonly items: ItemRow[]
    readonly history: HistoryRow[]
  },
): Promise<number> => {
  const { input: o, now } = w
  const order: Record<OrderKey, unknown> = {
    id: o.id,
    status: 'pending',
    paymentStatus: 'pending',
    fulfillmentStatus: 'unfulfilled',
    email: o.email,
    customerId: o.customerId,
    cartId: o.cartId,
    currency: o.currency,
    subtotal: o.totals.subtotal,
    discountTotal: o.totals.discountTotal,
    shippingTotal: o.totals.shippingTotal,
    taxTotal: o.totals.taxTotal,
    total: o.totals.total,
    shippingAddress: o.shippingAddress,
    shippingOption: o.shippingOption,
    discounts: o.discounts,
    paymentProvider: o.paymentProvider,
    accessTokenHash: w.tokenHash,
    createdAt: now,
    updatedAt: now,
  }
  const values: Record<string, unknown> = {}
  name(values, 'o_', order, ORDER_KEYS)
  w.items.forEach((i, n) => {
    name(values, `i${n}_`, i, ITEM_KEYS)
  })
  w.history.forEach((h, n) => {
    name(values, `h${n}_`, h, HISTORY_KEYS)
  })
  const [row] = await statementFor({ items: w.items.length, history: w.history.length })(tx, values)
  if (!row) throw new AppError('ORDERS_WRITE_FAILED', 'insert into orders.orders returned no row')
  return Number(row.number)
}

const ORDER_KEYS = [
  'id',
  'status',
  'paymentStatus',
  'fulfillmentStatus',
  'email',
  'customerId',
  'cartId',
  'currency',
  'subtotal',
  'discountTotal',
  'shippingTotal',
  'taxTotal',
  'total',
  'shippingAddress',
  'shippingOption',
  'discounts',
  'paymentProvider',
  'accessTokenHash',
  'createdAt',
  'updatedAt',
] as const
type OrderKey = (typeof ORDER_KEYS)[number]
const ITEM_KEYS = ['id', 'orderId', 'variantId', 'sku', 'title', 'quantity', 'unitPrice', 'total'] as const
const HISTORY_KEYS = ['id', 'orderId', 'field', 'fromValue', 'toValue', 'note', 'at'] as const

/** Copies `row`'s `keys` into `into` under `${prefix}${key}` (a missing value as null). */
const name = <K extends string>(into: Record<string, unknown>, prefix: string, row: Partial<Record<K, unknown>>, keys: readonly K[]) => {
  for (const k of keys) into[`${prefix}${k}`] = row[k] ?? null
}
const placeholders = <K extends string>(prefix: string, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, sql.placeholder(`${prefix}${k}`)])) as Record<K, ReturnType<typeof sql.placeholder>>

/** The statement for an order of `items` lines and `history` entries, built once per pair of counts. */
const statementFor = perShape(
  ({ items, history }: { items: number; history: number }) =>
    compiledSql<{ number: number }, Record<string, unknown>>((db) => {
      // drizzle's builders give each value its column's encoding (jsonb, timestamps)
      const order = db.insert(orders).values(placeholders('o_', ORDER_KEYS)).returning({ number: orders.number }).getSQL()
      const itemRows = Array.from({ length: items }, (_, n) => placeholders(`i${n}_`, ITEM_KEYS))
      const historyRows = Array.from({ length: history }, (_, n) => placeholders(`h${n}_`, HISTORY_KEYS))
      const itemsSql = items ? sql`, items as (${db.insert(orderItems).values(itemRows).getSQL()})` : sql``
      const historySql = db.insert(orderHistory).values(historyRows).getSQL()
      return sql`with created as (${order})${itemsSql}, history as (${historySql}) select number from created`
    }),
  ({ items, history }) => `${items}:${history}`,
)
