import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'

/**
 * How many orders each customer account has (any status), for the admin customer list: one
 * grouped query on orders_customer_idx for a page of ids. Accounts without orders are left out.
 */
export const customerOrderCounts = async (db: Executor, customerIds: readonly string[]): Promise<ReadonlyMap<string, number>> => {
  if (customerIds.length === 0) return new Map()
  const rows = await queryRows<{ customer_id: string; orders: string | number }>(
    db,
    sql`select customer_id, count(*) as orders from orders.orders
        where customer_id in (${sql.join(
          customerIds.map((id) => sql`${id}`),
          sql`, `,
        )})
        group by customer_id`,
  )
  return new Map(rows.map((r) => [r.customer_id, Number(r.orders)]))
}
