import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import type { AmbiguousAuthorization } from '../contract.ts'

type Row = { order_id: string; gateway: string; idempotency_key: string; amount: number; currency: string; since: string | Date }

/**
 * Ambiguous authorise attempts (ledger outcome 'ambiguous') marked before `before` that no
 * 'resolved' row settles yet: one per order, gateway and key, oldest first.
 */
export const listOpenAmbiguous = async (ex: Executor, q: { before: Date; limit: number }): Promise<AmbiguousAuthorization[]> => {
  const rows = await queryRows<Row>(
    ex,
    sql`
    select a.order_id, a.gateway, a.idempotency_key, a.amount, a.currency, min(a.created_at) as since
    from payments.attempts a
    where a.operation = 'authorize' and a.outcome = 'ambiguous' and a.created_at < ${q.before.toISOString()}::timestamptz
      and not exists (
        select 1 from payments.attempts r
        where r.order_id = a.order_id and r.gateway = a.gateway and r.idempotency_key = a.idempotency_key
          and r.operation = 'authorize' and r.outcome = 'resolved')
    group by a.order_id, a.gateway, a.idempotency_key, a.amount, a.currency
    order by since
    limit ${q.limit}`,
  )
  return rows.map((r) => ({
    orderId: r.order_id,
    gateway: r.gateway,
    idempotencyKey: r.idempotency_key,
    amount: { amount: Number(r.amount), currency: r.currency },
    since: new Date(r.since).toISOString(),
  }))
}
