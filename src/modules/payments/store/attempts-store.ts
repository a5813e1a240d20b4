import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import type { Money } from '../../../platform/money/money.ts'
import type { AttemptOperation, AttemptOutcome, PaymentAttempt } from '../contract.ts'
import { paymentAttempts } from '../schema.ts'

export type NewAttempt = {
  readonly orderId: string
  readonly gateway: string
  readonly operation: AttemptOperation
  readonly idempotencyKey: string
  readonly outcome: AttemptOutcome
  readonly amount: Money
  readonly gatewayRef?: string | null
  readonly error?: string | null
  readonly durationMs: number
}

const MAX_ERROR_LENGTH = 500

export const insertAttempt = async (ex: Executor, row: { readonly id: string; readonly at: Date } & NewAttempt): Promise<void> => {
  await ex.insert(paymentAttempts).values({
    id: row.id,
    orderId: row.orderId,
    gateway: row.gateway,
    operation: row.operation,
    idempotencyKey: row.idempotencyKey,
    outcome: row.outcome,
    amount: row.amount.amount,
    currency: row.amount.currency,
    gatewayRef: row.gatewayRef ?? null,
    error: row.error ? row.error.slice(0, MAX_ERROR_LENGTH) : null,
    durationMs: Math.max(0, Math.round(row.durationMs)),
    createdAt: row.at,
  })
}

const toAttempt = (r: typeof paymentAttempts.$inferSelect): PaymentAttempt => ({
  id: r.id,
  order_id: r.orderId,
  gateway: r.gateway,
  operation: r.operation,
  outcome: r.outcome,
  amount: { amount: r.amount, currency: r.currency },
  gateway_ref: r.gatewayRef,
  error: r.error,
  duration_ms: r.durationMs,
  created_at: r.createdAt.toISOString(),
})

/** The ledger of one order, oldest first (ids are time-sortable, so they break ties). */
export const listAttemptRows = async (ex: Executor, orderId: string): Promise<PaymentAttempt[]> =>
  (
    await ex
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.orderId, orderId))
      .orderBy(asc(paymentAttempts.createdAt), asc(paymentAttempts.id))
  ).map(toAttempt)

/** Has an operation with this idempotency key already succeeded for the order? */
export const hasSucceeded = async (
  ex: Executor,
  q: { orderId: string; operation: AttemptOperation; idempotencyKey: string },
): Promise<boolean> => {
  const rows = await ex
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.orderId, q.orderId),
        eq(paymentAttempts.operation, q.operation),
        eq(paymentAttempts.idempotencyKey, q.idempotencyKey),
        eq(paymentAttempts.outcome, 'succeeded'),
      ),
    )
    .limit(1)
  return rows.length > 0
}

/** The idempotency key of the authorise that gave the order this authorisation (its ledger row), or null. */
export const authorizeKeyOf = async (ex: Executor, orderId: string, gatewayRef: string): Promise<string | null> => {
  const [row] = await ex
    .select({ key: paymentAttempts.idempotencyKey })
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.orderId, orderId),
        eq(paymentAttempts.operation, 'authorize'),
        eq(paymentAttempts.gatewayRef, gatewayRef),
        inArray(paymentAttempts.outcome, ['succeeded', 'resolved']),
      ),
    )
    .limit(1)
  return row?.key ?? null
}
