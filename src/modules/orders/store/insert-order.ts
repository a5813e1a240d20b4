import { sql } from 'drizzle-orm'
import { compiledSql } from '../../../platform/db/compiled-statement.ts'
import type { Executor } from '../../../platform/db/database.ts'
import type { StatusField } from '../contract.ts'
import type { orderHistory, orderItems } from '../schema.ts'

export type ItemRow = typeof orderItems.$inferInsert & { readonly id: string }
export type HistoryRow = typeof orderHistory.$inferInsert & { readonly id: string; readonly field: StatusField }

type InsertArgs = { readonly order: string; readonly items: string; readonly history: string; readonly event: string }

const p = (name: keyof InsertArgs) => sql.placeholder(name)

const insertStatement = compiledSql<{ number: string | number | bigint }, InsertArgs>(
  () => sql`select orders.insert_order(${p('order')}::jsonb, ${p('items')}::jsonb, ${p('history')}::jsonb, ${p('event')}::jsonb) as number`,
)

/**
 * Writes a new order, its items, its history and its order_created event in one call of the
 * database function `orders.insert_order` (migration 0013; `checkout.place` calls the same
 * function). Returns the number the sequence gave it, the only value the database decides.
 */
export const insertOrder = async (tx: Executor, args: InsertArgs): Promise<number> => {
  const [row] = await insertStatement(tx, args)
  if (!row) throw new Error('orders.insert_order answered no row')
  return Number(row.number)
}
