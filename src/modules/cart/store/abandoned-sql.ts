import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'

export type AbandonedCandidate = {
  readonly id: string
  readonly email: string | null
  readonly customer_id: string | null
  readonly currency: string
  readonly updated_at: Date
}

/**
 * Active carts with lines and someone to write to, idle since before `cutoff`, not yet decided
 * about: oldest first (the partial index `carts_unreminded_idx`). A plain read: the decision is
 * the conditional write below.
 */
export const findAbandoned = async (db: Executor, q: { readonly cutoff: Date; readonly limit: number }): Promise<AbandonedCandidate[]> =>
  (
    await queryRows<{ id: string; email: string | null; customer_id: string | null; currency: string; updated_at: string | Date }>(
      db,
      sql`select c.id, c.email, c.customer_id, c.currency, c.updated_at from cart.carts c
          where c.status = 'active' and c.reminded_at is null and (c.email is not null or c.customer_id is not null)
            and c.updated_at <= ${q.cutoff.toISOString()}::timestamptz
            and exists (select 1 from cart.items i where i.cart_id = c.id)
          order by c.updated_at limit ${q.limit}`,
    )
  ).map((r) => ({ ...r, updated_at: new Date(r.updated_at) }))

/**
 * Marks the cart decided, only if it is still exactly as it was read (active, unmarked, not
 * touched since) and still has lines: one statement, so of two racing runs one wins and the other
 * gets false. Run it in the transaction that queues the e-mail and the event.
 */
export const markReminded = async (
  tx: Executor,
  c: { readonly id: string; readonly updatedAt: Date; readonly reminder: 'sent' | 'skipped'; readonly at: Date },
): Promise<boolean> => {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update cart.carts set reminded_at = ${c.at.toISOString()}::timestamptz, reminder = ${c.reminder}
        where id = ${c.id} and status = 'active' and reminded_at is null
          and updated_at = ${c.updatedAt.toISOString()}::timestamptz
          and exists (select 1 from cart.items i where i.cart_id = ${c.id})
        returning id`,
  )
  return rows.length === 1
}

/** Forgets the checkout e-mail of a customer's carts and of carts given their (verified) address. */
export const eraseCartEmails = async (db: Executor, q: { readonly customerId: string; readonly email?: string }): Promise<number> => {
  const byEmail = q.email ? sql` or lower(email) = ${q.email.trim().toLowerCase()}` : sql``
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update cart.carts set email = null where email is not null and (customer_id = ${q.customerId}${byEmail}) returning id`,
  )
  return rows.length
}

/** Remembers the address a shopper gave at checkout (a write only when it changed). */
export const recordCartEmail = async (db: Executor, id: string, email: string): Promise<void> => {
  await db.execute(sql`update cart.carts set email = ${email} where id = ${id} and email is distinct from ${email}`)
}
