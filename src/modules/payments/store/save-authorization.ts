import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import type { Money } from '../../../platform/money/money.ts'

/**
 * The ledger row of a successful authorisation and the order's payment, in one statement (two
 * data-modifying CTEs: atomic, and one round trip on the checkout path). Returns false when the
 * order already had a payment: that one is kept, the ledger row is written all the same.
 */
export const saveAuthorizationRows = async (
  ex: Executor,
  p: {
    readonly attemptId: string
    readonly orderId: string
    readonly gateway: string
    readonly gatewayRef: string
    readonly idempotencyKey: string
    readonly amount: Money
    readonly durationMs: number
    readonly attemptAt: Date
    readonly at: Date
  },
): Promise<boolean> => {
  const [row] = await queryRows<{ n: number }>(
    ex,
    sql`
    with saved as (
      insert into payments.payments (order_id, gateway, gateway_ref, amount, currency, status, created_at, updated_at)
      values (${p.orderId}, ${p.gateway}, ${p.gatewayRef}, ${p.amount.amount}, ${p.amount.currency}, 'authorized',
        ${p.at.toISOString()}::timestamptz, ${p.at.toISOString()}::timestamptz)
      on conflict do nothing
      returning order_id
    ), ledger as (
      insert into payments.attempts (id, order_id, gateway, operation, idempotency_key, outcome, amount, currency, gateway_ref, duration_ms, created_at)
      values (${p.attemptId}, ${p.orderId}, ${p.gateway}, 'authorize', ${p.idempotencyKey}, 'succeeded', ${p.amount.amount}, ${p.amount.currency},
        ${p.gatewayRef}, ${Math.max(0, Math.round(p.durationMs))}, ${p.attemptAt.toISOString()}::timestamptz)
    )
    select count(*)::int as n from saved`,
  )
  return (row?.n ?? 0) > 0
}
