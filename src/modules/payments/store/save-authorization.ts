import { sql } from 'drizzle-orm'
import { compiledSql } from '../../../platform/db/compiled-statement.ts'
import type { Executor } from '../../../platform/db/database.ts'
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
  const [row] = await saveStatement(ex, {
    attemptId: p.attemptId,
    orderId: p.orderId,
    gateway: p.gateway,
    gatewayRef: p.gatewayRef,
    idempotencyKey: p.idempotencyKey,
    amount: p.amount.amount,
    currency: p.amount.currency,
    durationMs: Math.max(0, Math.round(p.durationMs)),
    attemptAt: p.attemptAt.toISOString(),
    at: p.at.toISOString(),
  })
  return (row?.n ?? 0) > 0
}

type Saved = {
  attemptId: string
  orderId: string
  gateway: string
  gatewayRef: string
  idempotencyKey: string
  amount: number
  currency: string
  durationMs: number
  attemptAt: string
  at: string
}

const saveStatement = compiledSql<{ n: number }, Saved>(() => {
  const p = (name: keyof Saved) => sql.placeholder(name)
  return sql`
    with saved as (
      insert into payments.payments (order_id, gateway, gateway_ref, amount, currency, status, created_at, updated_at)
      values (${p('orderId')}, ${p('gateway')}, ${p('gatewayRef')}, ${p('amount')}, ${p('currency')}, 'authorized',
        ${p('at')}::timestamptz, ${p('at')}::timestamptz)
      on conflict do nothing
      returning order_id
    ), ledger as (
      insert into payments.attempts (id, order_id, gateway, operation, idempotency_key, outcome, amount, currency, gateway_ref, duration_ms, created_at)
      values (${p('attemptId')}, ${p('orderId')}, ${p('gateway')}, 'authorize', ${p('idempotencyKey')}, 'succeeded', ${p('amount')}, ${p('currency')},
        ${p('gatewayRef')}, ${p('durationMs')}, ${p('attemptAt')}::timestamptz)
    )
    select count(*)::int as n from saved`
})
