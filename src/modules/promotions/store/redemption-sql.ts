import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'

/**
 * Records that the order holds the promotion. False when it already does (a retried redeem), so
 * the uses are not counted twice; a released redemption is held again (and counted again).
 */
export const holdRedemption = async (tx: Executor, r: { promotionId: string; orderId: string; customerKey: string; amount: number }) => {
  const rows = await queryRows<{ status: string }>(
    tx,
    sql`
    insert into promotions.redemptions as x (promotion_id, order_id, customer_key, amount, status)
    values (${r.promotionId}, ${r.orderId}, ${r.customerKey}, ${r.amount}, 'held')
    on conflict (promotion_id, order_id) do update
      set status = 'held', amount = excluded.amount, customer_key = excluded.customer_key, created_at = now()
      where x.status = 'released'
    returning x.status`,
  )
  return rows.length === 1
}

/**
 * One use of the promotion, only while it is active and below its limit: one conditional write.
 * Returns its per-customer limit, or undefined when no row was counted.
 */
export const countUse = async (tx: Executor, promotionId: string): Promise<{ perCustomerLimit: number | null } | undefined> => {
  const rows = await queryRows<{ per_customer_limit: number | null }>(
    tx,
    sql`
    update promotions.promotions set times_used = times_used + 1
    where id = ${promotionId} and active and (usage_limit is null or times_used < usage_limit)
    returning per_customer_limit`,
  )
  const row = rows[0]
  return row ? { perCustomerLimit: row.per_customer_limit } : undefined
}

/** One use by this customer, only below the limit: one conditional upsert. False when the limit is reached. */
export const countCustomerUse = async (tx: Executor, promotionId: string, customerKey: string, limit: number) => {
  const rows = await queryRows<{ used: number }>(
    tx,
    sql`
    insert into promotions.customer_usage as u (promotion_id, customer_key, used)
    select ${promotionId}, ${customerKey}, 1 where ${limit}::int >= 1
    on conflict (promotion_id, customer_key) do update set used = u.used + 1
      where u.used < ${limit}::int
    returning u.used`,
  )
  return rows.length === 1
}

/**
 * Flips the order's held redemptions to released and gives back one use (and one customer use)
 * for each row actually flipped, in one statement: a second or concurrent call flips nothing.
 */
export const releaseOrder = async (db: Executor, orderId: string): Promise<number> => {
  const rows = await queryRows<{ released: number }>(
    db,
    sql`
    with r as (
      update promotions.redemptions set status = 'released'
      where order_id = ${orderId} and status = 'held'
      returning promotion_id, customer_key
    ), p as (
      update promotions.promotions p set times_used = p.times_used - 1
      from r where p.id = r.promotion_id and p.times_used > 0
      returning p.id
    ), u as (
      update promotions.customer_usage u set used = u.used - 1
      from r where u.promotion_id = r.promotion_id and u.customer_key = r.customer_key and u.used > 0
      returning u.promotion_id
    )
    select (select count(*) from r)::int as released`,
  )
  return rows[0]?.released ?? 0
}
